/*
 * fuzz_conf - conf_parse on arbitrary bytes. Besides memory errors it
 * checks what the parser promises: a struct comes back exactly when no
 * error was reported, errors stop at CONF_MAX_ERRORS, every message is
 * printable ASCII headed by the source name (hostile bytes are escaped),
 * and a returned struct holds values in range.
 */
#include <string.h>

#include "conf/conf.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* printable - no control or 8-bit byte reaches a log line */
static int printable(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char) *s < 0x20 || (unsigned char) *s > 0x7e)
			return 0;
	return 1;
}

/* check_conf - a struct that loaded must hold sane values */
static void check_conf(const struct conf *c)
{
	struct netaddr a;

	if (c->socket == NULL || c->authserv_id == NULL || c->path == NULL)
		__builtin_trap();
	if (c->trusted.count > CONF_MAX_TRUSTED)
		__builtin_trap();
	if (c->dns_timeout_ms < 1000 || c->dns_timeout_ms > 60000)
		__builtin_trap();
	if (c->loglevel > CONF_LOG_DEBUG || c->ignore_authenticated > 1
	    || c->spf_helo_check > 1)
		__builtin_trap();
	if (strchr(c->authserv_id, ';') != NULL || strchr(c->authserv_id, ' '))
		__builtin_trap();
	netaddr_parse("192.0.2.1", &a);
	(void) conf_is_trusted(c, &a);
}

/* LLVMFuzzerTestOneInput - one input as a whole config file */
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct conf_errors e = { NULL, 0 };
	struct conf *c;
	size_t i;

	c = conf_parse("fuzz", (const char *) data, size, &e);
	if ((c != NULL) != (e.count == 0) || e.count > CONF_MAX_ERRORS + 1)
		__builtin_trap();
	for (i = 0; i < e.count; i++)
		if (strncmp(e.msg[i], "fuzz:", 5) != 0 || !printable(e.msg[i]))
			__builtin_trap();
	if (c != NULL)
		check_conf(c);
	conf_free(c);
	conf_errors_clear(&e);
	return 0;
}
