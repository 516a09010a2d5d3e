/*
 * alone - refuse to start beside a running instance; see alone.h.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "alone.h"

/* socket_free - nothing listens at PATH; a stale socket is fine (libmilter
 * replaces it), anything else there is an error */
static int socket_free(const char *path, char *err, size_t errlen)
{
	struct sockaddr_un sun;
	struct stat st;
	int fd, rc;

	if (lstat(path, &st) != 0)
		return 0;
	if (!S_ISSOCK(st.st_mode)) {
		snprintf(err, errlen, "%s exists and is not a socket (a %s); "
			 "remove it or choose another Socket", path,
			 S_ISDIR(st.st_mode) ? "directory" : "file");
		return -1;
	}
	if (strlen(path) >= sizeof(sun.sun_path)
	    || (fd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0)
		return 0;       /* binding will say what is wrong */
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, strlen(path) + 1);
	rc = connect(fd, (struct sockaddr *) &sun, sizeof(sun));
	close(fd);
	if (rc == 0) {
		snprintf(err, errlen, "%s: another process is listening on it "
			 "(another authmilter?)", path);
		return -1;
	}
	return 0;
}

/* is_authmilter - PID runs a program called authmilter, as far as /proc
 * says; a pid file left by a crash may name a reused pid */
static int is_authmilter(long pid)
{
	char path[64], comm[64] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/comm", pid);
	if ((f = fopen(path, "r")) == NULL)
		return 1;       /* cannot tell: assume the worst */
	if (fgets(comm, sizeof(comm), f) == NULL)
		comm[0] = '\0';
	fclose(f);
	comm[strcspn(comm, "\n")] = '\0';
	return strcmp(comm, "authmilter") == 0;
}

/* pidfile_free - no live authmilter other than us is named in PATH */
static int pidfile_free(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	long pid = 0;

	if (f == NULL)
		return 0;
	if (fscanf(f, "%ld", &pid) != 1)
		pid = 0;
	fclose(f);
	if (pid <= 0 || pid == (long) getpid()
	    || (kill((pid_t) pid, 0) != 0 && errno == ESRCH) || !is_authmilter(pid))
		return 0;
	snprintf(err, errlen, "PidFile %s names process %ld, which is running "
		 "(another authmilter?)", path, pid);
	return -1;
}

int alone_check(const char *socket_path, const char *pidfile, char *err,
		size_t errlen)
{
	if (socket_path != NULL && socket_free(socket_path, err, errlen) < 0)
		return -1;
	if (pidfile != NULL && pidfile_free(pidfile, err, errlen) < 0)
		return -1;
	return 0;
}
