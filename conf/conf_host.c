/*
 * conf_host - checks of a configuration against this host (see conf.h:
 * conf_check_host). Kept apart from parsing, so that the unit tests can
 * parse any user name and -t runs anywhere.
 */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>

#include "conf_priv.h"

#define NAME_MAX_LEN 256

/* host_error - one "NAME:LINE: " message */
static void host_error(struct conf_errors *errs, const char *name,
		       size_t line, const char *what, const char *id)
{
	char msg[NAME_MAX_LEN * 3];

	snprintf(msg, sizeof(msg), "%s:%zu: UserID: no such %s '%s' on this host%s",
		 name, line, what, id, strcmp(what, "user") == 0
		 ? " (Debian's authmilter package creates the user authmilter; "
		 "or: adduser --system --group NAME)" : "");
	conf_errors_add(errs, msg);
}

int conf_check_host(const struct conf *c, const char *name,
		    struct conf_errors *errs)
{
	char user[NAME_MAX_LEN];
	const char *colon;
	size_t n;
	int bad = 0;

	if (c->user == NULL)
		return 0;
	colon = strchr(c->user, ':');
	n = colon ? (size_t) (colon - c->user) : strlen(c->user);
	if (n >= sizeof(user))
		n = sizeof(user) - 1;
	memcpy(user, c->user, n);
	user[n] = '\0';
	if (getpwnam(user) == NULL) {
		host_error(errs, name, c->user_line, "user", user);
		bad++;
	}
	if (colon != NULL && getgrnam(colon + 1) == NULL) {
		host_error(errs, name, c->user_line, "group", colon + 1);
		bad++;
	}
	return bad;
}
