/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Async\available_parallelism(), Async\loadavg(), Async\cpu_usage() and Async\CpuSnapshot: what
 * libuv tells about the CPUs, for a program that sizes its pools or sheds load by them.
 */
#include "php.h"
#include <uv.h>
#include "zend_exceptions.h"
#include "userland.h"
#include "cpu_snapshot_arginfo.h"

static zend_class_entry *async_ce_cpu_snapshot;

typedef struct {
	uint64_t wall_ns;
	uint64_t process_user_ns;
	uint64_t process_system_ns;
	uint64_t system_idle_ns;
	uint64_t system_busy_ns;
	int cpu_count;
} cpu_sample_t;

static uint64_t timeval_ns(uv_timeval_t tv)
{
	return (uint64_t) tv.tv_sec * 1000000000u + (uint64_t) tv.tv_usec * 1000u;
}

/* One sample; the machine's times are summed over its CPUs (libuv gives milliseconds). */
static void cpu_sample(cpu_sample_t *sample)
{
	memset(sample, 0, sizeof(*sample));
	sample->wall_ns = uv_hrtime();
	uv_rusage_t usage;
	if (uv_getrusage(&usage) == 0) {
		sample->process_user_ns = timeval_ns(usage.ru_utime);
		sample->process_system_ns = timeval_ns(usage.ru_stime);
	}
	uv_cpu_info_t *cpus;
	int count;
	if (uv_cpu_info(&cpus, &count) == 0) {
		for (int i = 0; i < count; i++) {
			const struct uv_cpu_times_s *t = &cpus[i].cpu_times;
			sample->system_idle_ns += t->idle * 1000000u;
			sample->system_busy_ns += (t->user + t->nice + t->sys + t->irq) * 1000000u;
		}
		uv_free_cpu_info(cpus, count);
		sample->cpu_count = count;
	}
	if (sample->cpu_count < 1) {
		sample->cpu_count = (int) uv_available_parallelism();
	}
}

static void loadavg_into(zval *out)
{
	double avg[3];
	uv_loadavg(avg);
	array_init_size(out, 3);
	for (int i = 0; i < 3; i++) {
		add_next_index_double(out, avg[i]);
	}
}

PHP_FUNCTION(Async_available_parallelism)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_LONG((zend_long) uv_available_parallelism());
}

PHP_FUNCTION(Async_loadavg)
{
	ZEND_PARSE_PARAMETERS_NONE();
	loadavg_into(return_value);
}

/* The previous call's sample, for the next call's delta: per process, as the counters it reads. */
static cpu_sample_t previous_sample;
static bool have_previous_sample;

PHP_FUNCTION(Async_cpu_usage)
{
	ZEND_PARSE_PARAMETERS_NONE();

	cpu_sample_t now;
	cpu_sample(&now);
	double cores = 0.0, process_percent = 0.0, system_percent = 0.0, interval = 0.0;
	if (have_previous_sample && now.wall_ns > previous_sample.wall_ns) {
		const cpu_sample_t *was = &previous_sample;
		double wall = (double) (now.wall_ns - was->wall_ns);
		double process = (double) (now.process_user_ns + now.process_system_ns)
			- (double) (was->process_user_ns + was->process_system_ns);
		double idle = (double) now.system_idle_ns - (double) was->system_idle_ns;
		double busy = (double) now.system_busy_ns - (double) was->system_busy_ns;
		interval = wall / 1e9;
		cores = process > 0 ? process / wall : 0.0;
		/* rusage and the clock are sampled apart: a little rounding must not pass the CPUs there are. */
		if (cores > now.cpu_count) {
			cores = now.cpu_count;
		}
		process_percent = cores * 100.0 / now.cpu_count;
		system_percent = idle + busy > 0 && busy > 0 ? busy * 100.0 / (idle + busy) : 0.0;
	}
	previous_sample = now;
	have_previous_sample = true;

	array_init(return_value);
	add_assoc_double(return_value, "process_cores", cores);
	add_assoc_double(return_value, "process_percent", process_percent);
	add_assoc_double(return_value, "system_percent", system_percent);
	add_assoc_long(return_value, "cpu_count", now.cpu_count);
	add_assoc_double(return_value, "interval_sec", interval);
	zval avg;
	loadavg_into(&avg);
	add_assoc_zval(return_value, "loadavg", &avg);
}

/* Private: a snapshot comes from now() only. */
ZEND_METHOD(Async_CpuSnapshot, __construct)
{
	(void) return_value;
	ZEND_PARSE_PARAMETERS_NONE();
}

ZEND_METHOD(Async_CpuSnapshot, now)
{
	ZEND_PARSE_PARAMETERS_NONE();
	cpu_sample_t sample;
	cpu_sample(&sample);
	object_init_ex(return_value, async_ce_cpu_snapshot);
	/* The readonly properties in their declared order, set before anyone sees the object. */
	const zend_long values[] = {
		(zend_long) sample.wall_ns, (zend_long) sample.process_user_ns, (zend_long) sample.process_system_ns,
		(zend_long) sample.system_idle_ns, (zend_long) sample.system_busy_ns, sample.cpu_count,
	};
	for (uint32_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		ZVAL_LONG(OBJ_PROP_NUM(Z_OBJ_P(return_value), i), values[i]);
	}
}

void async_userland_register_cpu_snapshot(void)
{
	async_ce_cpu_snapshot = register_class_Async_CpuSnapshot();
}
