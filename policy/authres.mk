# authres: RFC 8601 Authentication-Results, building ours (authres.c) and
# reading the authserv-id of existing fields (authres_id.c).
libauthpolicy_a_SOURCES += policy/authres.c policy/authres_id.c policy/authres.h
