"""The policy library (政策库): policy and interpretation pages, topics, policy
packages and subscriptions, and faceted Chinese search on the database or
Elasticsearch. A sub-app of core; see docs/policy.md."""
