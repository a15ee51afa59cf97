"""Village affairs (村务公开): village and notice pages, the simplified phone
editor for village committees, township review, the disclosure schedule,
alignment with items offered through core's registry, and notice-board
posters; see docs/village.md."""
