/* SPDX-License-Identifier: ISC */
/*
 * A queue of one-shot timers on a millisecond clock the owner supplies: the daemon's clock is
 * CLOCK_MONOTONIC behind libevent, a unit test's is a variable it advances. The owner of a
 * timer holds a handle (struct timer *) that is cleared when the timer fires or is cancelled,
 * so "is it armed" is always `handle != NULL` and a stale handle cannot be cancelled twice.
 */
#ifndef LIB_TIMERQ_H
#define LIB_TIMERQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct timer;
struct timerq;

typedef void (*timer_cb)(void *arg);
typedef uint64_t (*timerq_clock)(void *ctx);

#define TIMERQ_NEVER UINT64_MAX

struct timerq *timerq_new(timerq_clock now, void *ctx);
/* Frees the queue; armed timers are cancelled (their handles cleared). */
void timerq_free(struct timerq *q);
uint64_t timerq_now(const struct timerq *q);

/* (Re)arms *handle to call cb(arg) ms from now; an armed *handle is cancelled first. */
void timer_arm(struct timerq *q, struct timer **handle, uint64_t ms, timer_cb cb, void *arg);
/* Cancels *handle if armed and clears it; harmless on NULL. */
void timer_cancel(struct timer **handle);
/* Milliseconds until t fires (0 if due). */
uint64_t timer_remaining(const struct timer *t);

/* The absolute time of the earliest timer, TIMERQ_NEVER if none. */
uint64_t timerq_next(const struct timerq *q);
/* Fires timers due now, earliest first, at most max of them (bounded work per call);
 * returns how many fired. */
size_t timerq_run(struct timerq *q, size_t max);
size_t timerq_count(const struct timerq *q);

#endif
