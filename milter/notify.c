/*
 * notify - sd_notify for systemd's Type=notify; see notify.h.
 */
#include <time.h>

#include <systemd/sd-daemon.h>

#include "notify.h"

void notify_ready(void)
{
	(void) sd_notify(0, "READY=1\nSTATUS=listening");
}

void notify_reloading(void)
{
	struct timespec ts;

	/* MONOTONIC_USEC lets a manager that knows Type=notify-reload
	 * (systemd 253 and later) tell this reload from an earlier one. */
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		ts.tv_sec = ts.tv_nsec = 0;
	(void) sd_notifyf(0, "RELOADING=1\nSTATUS=reloading\nMONOTONIC_USEC=%llu",
			  (unsigned long long) ts.tv_sec * 1000000ULL
			  + (unsigned long long) ts.tv_nsec / 1000ULL);
}

void notify_stopping(void)
{
	(void) sd_notify(0, "STOPPING=1\nSTATUS=stopping");
}
