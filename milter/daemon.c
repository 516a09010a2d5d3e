/*
 * daemon - detach, pid file, privilege drop; see daemon.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"

int daemon_detach(char *err, size_t errlen)
{
	pid_t pid = fork();
	int fd;

	if (pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		return -1;
	}
	if (pid > 0)
		_exit(0);
	if (setsid() < 0) {
		snprintf(err, errlen, "setsid: %s", strerror(errno));
		return -1;
	}
	if (chdir("/") != 0) {
		snprintf(err, errlen, "chdir /: %s", strerror(errno));
		return -1;
	}
	if ((fd = open("/dev/null", O_RDWR)) >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	return 0;
}

int daemon_write_pidfile(const char *path, char *err, size_t errlen)
{
	FILE *f;

	if (path == NULL)
		return 0;
	if ((f = fopen(path, "w")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	fprintf(f, "%ld\n", (long) getpid());
	if (fclose(f) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

const char *daemon_unix_socket_path(const char *spec)
{
	if (strncmp(spec, "unix:", 5) == 0)
		return spec + 5;
	if (strncmp(spec, "local:", 6) == 0)
		return spec + 6;
	if (spec[0] == '/')
		return spec;
	return NULL;
}

/* lookup_ids - "user" or "user:group" to uid, gid */
static int lookup_ids(const char *spec, uid_t *uid, gid_t *gid, char *name,
		      size_t namelen, char *err, size_t errlen)
{
	char user[256];
	const char *colon = strchr(spec, ':');
	size_t n = colon ? (size_t) (colon - spec) : strlen(spec);
	struct passwd *pw;
	struct group *gr;

	if (n == 0 || n >= sizeof(user) || n >= namelen) {
		snprintf(err, errlen, "UserID '%s': bad user name", spec);
		return -1;
	}
	memcpy(user, spec, n);
	user[n] = '\0';
	if ((pw = getpwnam(user)) == NULL) {
		snprintf(err, errlen, "UserID '%s': no such user", user);
		return -1;
	}
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	snprintf(name, namelen, "%s", user);
	if (colon == NULL)
		return 0;
	if ((gr = getgrnam(colon + 1)) == NULL) {
		snprintf(err, errlen, "UserID '%s': no such group '%s'", spec, colon + 1);
		return -1;
	}
	*gid = gr->gr_gid;
	return 0;
}

int daemon_drop_privileges(const char *user, const char *socket_path,
			   char *err, size_t errlen)
{
	char name[256];
	uid_t uid;
	gid_t gid;

	if (user == NULL)
		return 0;
	if (lookup_ids(user, &uid, &gid, name, sizeof(name), err, errlen) != 0)
		return -1;
	/* The MTA connects as itself: the socket is for our user and the
	 * group named in UserID (e.g. authmilter:postfix), nobody else. */
	if (socket_path != NULL
	    && (chown(socket_path, uid, gid) != 0 || chmod(socket_path, 0660) != 0)) {
		snprintf(err, errlen, "%s: %s", socket_path, strerror(errno));
		return -1;
	}
	if (initgroups(name, gid) != 0 || setgid(gid) != 0 || setuid(uid) != 0) {
		snprintf(err, errlen, "cannot become %s: %s", user, strerror(errno));
		return -1;
	}
	if (uid != 0 && setuid(0) == 0) {
		snprintf(err, errlen, "privileges could be regained after dropping to %s", user);
		return -1;
	}
	return 0;
}
