"""Public intake machinery shared by the apps that take submissions from the
public (disclosure requests, letters): the one-time form token with its
arithmetic question, per-address rate limits, the status look-up's failure
counters (:mod:`.antispam`), and the query code with the keyed hashes kept
instead of secrets (:mod:`.secrets`).

Each app passes its own :class:`~.antispam.Protection` (cache-key namespace,
signing salt, its settings read at call time), so two apps never share a
counter or accept each other's tokens.
"""
