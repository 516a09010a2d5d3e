/*
 * notify - tell a service manager (systemd, Type=notify) what the daemon
 * is doing, through libsystemd's sd_notify. Without NOTIFY_SOCKET in the
 * environment (not started by systemd) each call does nothing.
 */
#ifndef AUTHMILTER_NOTIFY_H
#define AUTHMILTER_NOTIFY_H

/* notify_ready - the socket is listening and the runtime is built: a
 * `systemctl start` waiting on us may return (also: a reload is done) */
void notify_ready(void);

/* notify_reloading - SIGHUP arrived; notify_ready() follows when the
 * reload has finished, whether the new configuration was taken or not */
void notify_reloading(void);

/* notify_stopping - the daemon has been told to stop */
void notify_stopping(void);

#endif
