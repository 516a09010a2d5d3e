/*
 * fuzz_sc_smtp_text - the banner scan on any text (a greeting line may
 * hold anything but CR and LF), and the relay path reader on any path.
 * Whatever comes in: the scan ends, keeps at most SMTP_BANNER_WORD-1
 * octets of each word it names and says so in its bits; the final
 * domain of a path is NUL-terminated in its buffer and lower case.
 */
#include <stdlib.h>
#include <string.h>

#include "selfcheck/smtp/smtp_banner.h"
#include "selfcheck/smtp/smtp_relay.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char final[SMTP_RELAY_PATH_MAX], *path;
	struct smtp_banner b;
	int bits;
	size_t i;

	smtp_banner_init(&b);
	bits = smtp_banner_scan((const char *) data, size, &b);
	CHECK(strlen(b.software) < SMTP_BANNER_WORD && strlen(b.version) < SMTP_BANNER_WORD
	      && strlen(b.os) < SMTP_BANNER_WORD);
	CHECK(!(bits & SMTP_BANNER_SOFTWARE) == !b.software[0]);
	CHECK(!(bits & SMTP_BANNER_VERSION) == !b.version[0]);
	CHECK(!(bits & SMTP_BANNER_OS) == !b.os[0]);
	if ((path = malloc(size + 1)) == NULL)
		return 0;
	memcpy(path, data, size);
	path[size] = '\0';
	smtp_relay_final_domain(path, final, sizeof(final));
	CHECK(strlen(final) < sizeof(final));
	for (i = 0; final[i] != '\0'; i++)
		CHECK(final[i] < 'A' || final[i] > 'Z');
	(void) smtp_relay_classify(250, 250, path, "example.org");
	free(path);
	return 0;
}
