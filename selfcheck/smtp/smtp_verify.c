/*
 * smtp_verify - judging VRFY and EXPN answers; see smtp_verify.h.
 */
#include <string.h>

#include "util/ascii.h"
#include "smtp_verify.h"

/* Words in a 252 that say the server did not look the address up. */
static const char *const refusals[] = {
	"cannot", "can't", "can not", "unable", "not ", "disabled", "denied",
	"refused",
};

/* contains - TEXT holds WORD, ASCII case-insensitive */
static int contains(const char *text, const char *word)
{
	size_t n = strlen(word), len = strlen(text), i;

	for (i = 0; i + n <= len; i++)
		if (ascii_same_word(text + i, n, word))
			return 1;
	return 0;
}

int smtp_verify_answers(const struct smtp_reply *r, const char *user)
{
	size_t i, k;
	int named = 0;

	if (r->code == 250 || r->code == 251)
		return 1;
	if (r->code != 252)
		return 0;
	for (i = 0; i < r->nlines; i++) {
		for (k = 0; k < sizeof(refusals) / sizeof(refusals[0]); k++)
			if (contains(smtp_reply_line(r, i), refusals[k]))
				return 0;
		named |= contains(smtp_reply_line(r, i), user);
	}
	return named;
}
