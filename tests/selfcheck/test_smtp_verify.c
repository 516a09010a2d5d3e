/* test_smtp_verify - when an answer to "VRFY postmaster" or "EXPN
 * postmaster" gives something away (smtp.vrfy_enabled,
 * smtp.expn_enabled): the answers of Postfix with the command on and
 * off, Sendmail, Exchange, Gmail, and odd or oversized ones. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/lib/tap.h"
#include "selfcheck/smtp/smtp_verify.h"

struct row {
	const char *name;
	const char *reply;
	int answers;
};

static const struct row rows[] = {
	{ "Postfix, disable_vrfy_command = no", "252 2.0.0 postmaster\r\n", 1 },
	{ "Postfix, disable_vrfy_command = yes",
	  "502 5.5.1 VRFY command is disabled\r\n", 0 },
	{ "Postfix EXPN", "502 5.5.2 Error: command not recognized\r\n", 0 },
	{ "Sendmail VRFY", "250 2.1.5 Postmaster <postmaster@mx.example.org>\r\n", 1 },
	{ "Sendmail VRFY of an alias", "250 2.1.5 Root <root@mx.example.org>\r\n", 1 },
	{ "251 forward", "251 2.1.5 user not local; will forward to <p@example.net>\r\n", 1 },
	{ "EXPN of a list", "250-2.1.5 <a@example.org>\r\n250 2.1.5 <b@example.org>\r\n", 1 },
	{ "Sendmail PrivacyOptions=novrfy",
	  "252 2.5.2 Cannot VRFY user; try RCPT to attempt delivery (or try finger)\r\n", 0 },
	{ "Exchange", "252 2.1.5 Cannot VRFY user, but will take message for "
	  "<postmaster@contoso.com>\r\n", 0 },
	{ "Gmail", "252 2.1.5 Send some mail, I'll try my best\r\n", 0 },
	{ "252 that names nobody", "252 ok\r\n", 0 },
	{ "252 naming the user, but not local", "252 postmaster is not local\r\n", 0 },
	{ "refusal on a later line", "252-postmaster\r\n252 unable to verify\r\n", 0 },
	{ "case of the name", "252 2.0.0 POSTMASTER\r\n", 1 },
	{ "user unknown", "550 5.1.1 <postmaster>: Recipient address rejected: "
	  "User unknown\r\n", 0 },
	{ "not recognized", "500 5.5.2 Error: command not recognized\r\n", 0 },
	{ "try later", "421 4.7.0 Try again later\r\n", 0 },
	{ "3xx", "354 postmaster\r\n", 0 },
};

/* reply - parse TEXT (a test's own data: it must parse) */
static void reply(const char *text, struct smtp_reply *r)
{
	size_t used;

	if (smtp_reply_parse(text, strlen(text), r, &used) != SMTP_REPLY_OK)
		diag("test data does not parse: %s", text);
}

static void big(void)
{
	static struct smtp_reply r;
	size_t n = 100 * 500, i;
	char *s = malloc(n + 1);

	for (i = 0; i < 100; i++) {
		memset(s + i * 500, 'a', 500);
		memcpy(s + i * 500, i < 99 ? "252-" : "252 ", 4);
		memcpy(s + i * 500 + 498, "\r\n", 2);
	}
	s[n] = '\0';
	reply(s, &r);
	ok(!smtp_verify_answers(&r, "postmaster"), "100 long lines naming nobody");
	memcpy(s + 99 * 500 + 100, "postmaster", 10);
	reply(s, &r);
	ok(smtp_verify_answers(&r, "postmaster"), "the name on line 100");
	memcpy(s + 50 * 500 + 100, "cannot", 6);
	reply(s, &r);
	ok(!smtp_verify_answers(&r, "postmaster"), "a refusal on line 51");
	free(s);
}

int main(void)
{
	static struct smtp_reply r;
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		reply(rows[i].reply, &r);
		is_int(smtp_verify_answers(&r, "postmaster"), rows[i].answers,
		       "%s", rows[i].name);
	}
	big();
	return tap_done();
}
