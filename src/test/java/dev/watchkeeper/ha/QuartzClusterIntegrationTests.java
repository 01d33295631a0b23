package dev.watchkeeper.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * With Quartz's clustered JDBC job store, each firing of a job runs on exactly one of the
 * two replicas.
 */
class QuartzClusterIntegrationTests {

	static final List<String> firings = new CopyOnWriteArrayList<>();

	static TwoInstances replicas;

	@BeforeAll
	static void start() {
		replicas = new TwoInstances();
	}

	@AfterAll
	static void stop() {
		replicas.close();
	}

	@Test
	void eachFiringRunsOnOneReplicaOnly() throws SchedulerException {
		Scheduler first = replicas.context(0).getBean(Scheduler.class);
		Scheduler second = replicas.context(1).getBean(Scheduler.class);
		assertThat(first.getMetaData().isJobStoreClustered()).isTrue();
		assertThat(first.getSchedulerInstanceId()).isNotEqualTo(second.getSchedulerInstanceId());
		TriggerKey key = TriggerKey.triggerKey("ha-probe");
		Trigger trigger = TriggerBuilder.newTrigger()
			.withIdentity(key)
			.startNow()
			.withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(200).withRepeatCount(9))
			.build();

		first.scheduleJob(JobBuilder.newJob(RecordingJob.class).withIdentity("ha-probe").build(), trigger);

		// the trigger is removed from the shared store after its last firing
		await().atMost(Duration.ofSeconds(60)).until(() -> !first.checkExists(key) && firings.size() >= 10);
		assertThat(firings).hasSize(10).doesNotHaveDuplicates();
	}

	/**
	 * Records the scheduled fire time of each execution; a firing run twice would show up
	 * as a duplicate.
	 */
	@DisallowConcurrentExecution
	public static class RecordingJob implements Job {

		@Override
		public void execute(JobExecutionContext context) {
			firings.add(context.getScheduledFireTime().getTime() + "@" + context.getTrigger().getKey());
		}

	}

}
