package dev.watchkeeper.approvals.internal;

import dev.watchkeeper.approvals.ApprovalsProperties;
import dev.watchkeeper.core.FeatureReport;
import java.time.Duration;
import java.util.List;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Quartz jobs of the approvals module (JDBC job store, so one replica runs each
 * firing) and its start-up line.
 */
@Configuration(proxyBeanMethods = false)
class ApprovalsConfiguration {

	static final String GROUP = "approvals";

	@Bean
	JobDetail expireRequestsJob() {
		return JobBuilder.newJob(ExpireRequestsJob.class)
			.withIdentity("expire-requests", GROUP)
			.withDescription("expire undecided action requests")
			.storeDurably()
			.build();
	}

	@Bean
	Trigger expireRequestsTrigger(JobDetail expireRequestsJob, ApprovalsProperties properties) {
		return every(expireRequestsJob, "expire-requests", properties.expirySweepInterval());
	}

	@Bean
	JobDetail reconcileRequestsJob() {
		return JobBuilder.newJob(ReconcileRequestsJob.class)
			.withIdentity("reconcile-requests", GROUP)
			.withDescription("settle action requests left unfinished by a crash")
			.storeDurably()
			.build();
	}

	@Bean
	Trigger reconcileRequestsTrigger(JobDetail reconcileRequestsJob, ApprovalsProperties properties) {
		return every(reconcileRequestsJob, "reconcile-requests", properties.reconcileInterval());
	}

	@Bean
	FeatureReport approvalsFeatures(ApprovalsProperties properties) {
		return () -> List
			.of(new FeatureReport.Feature("Action approvals (someone may approve)", properties.approversConfigured(),
					"set WATCHKEEPER_APPROVALS_APPROVERS (Slack user ids) or WATCHKEEPER_APPROVALS_APPROVERS_GROUP"
							+ " (Slack user group id)"));
	}

	private static Trigger every(JobDetail job, String name, Duration interval) {
		return TriggerBuilder.newTrigger()
			.forJob(job)
			.withIdentity(name, GROUP)
			.withSchedule(SimpleScheduleBuilder.simpleSchedule()
				.withIntervalInMilliseconds(interval.toMillis())
				.repeatForever()
				// after downtime run once, not once per missed interval
				.withMisfireHandlingInstructionNextWithRemainingCount())
			.build();
	}

}
