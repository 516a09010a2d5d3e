/*
 * callbacks - the libmilter side: one session per SMTP connection,
 * mapped onto policy/msgauth, and the verdict applied to the message.
 *
 * libmilter may run one connection's callbacks on different threads, so
 * all per-connection state hangs off smfi_setpriv, never thread-locals.
 */
#ifndef AUTHMILTER_CALLBACKS_H
#define AUTHMILTER_CALLBACKS_H

#include <libmilter/mfapi.h>

/* callbacks_desc - the filter description to hand to smfi_register. */
struct smfiDesc *callbacks_desc(void);

#endif
