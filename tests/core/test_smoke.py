def test_home_page_renders_in_chinese(client, demo):
    response = client.get("/")
    assert response.status_code == 200
    assert "永宁县人民政府" in response.content.decode()
