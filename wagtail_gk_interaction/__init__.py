"""政民互动: the public's letters to the government — 领导信箱, 咨询, 投诉,
建议, 求助 — taken on a mailbox page (with core's shared intake protection),
handled by officers in an admin inbox against working-day limits (assignment
to an agency, transfer with the clock kept, one extension, a reply checked by
the publication gate and a reviewer), and published with the reply where the
writer agreed. Depends on ``wagtail_gk`` only."""
