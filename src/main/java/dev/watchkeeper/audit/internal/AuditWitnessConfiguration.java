package dev.watchkeeper.audit.internal;

import dev.watchkeeper.audit.AuditProperties;
import java.time.Clock;
import java.util.Date;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Schedules the witness job every {@code watchkeeper.audit.witness-interval}. Always
 * registered (the job does nothing while no witness channel is set) so that the clustered
 * job store holds one definition whatever each replica's settings.
 */
@Configuration(proxyBeanMethods = false)
class AuditWitnessConfiguration {

	static final String JOB = "audit-head-witness";

	@Bean
	AuditWitness auditWitness(AuditEntryRepository repository, AuditProperties properties,
			ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions) {
		return new AuditWitness(repository, properties, events, clock, transactions);
	}

	@Bean
	JobDetail auditWitnessJob() {
		return JobBuilder.newJob(AuditWitnessJob.class)
			.withIdentity(JOB, "audit")
			.withDescription("posts the audit chain head to the witness channel")
			.storeDurably()
			.build();
	}

	@Bean
	Trigger auditWitnessTrigger(JobDetail auditWitnessJob, AuditProperties properties, Clock clock) {
		return TriggerBuilder.newTrigger()
			.forJob(auditWitnessJob)
			.withIdentity(JOB, "audit")
			.withSchedule(SimpleScheduleBuilder.simpleSchedule()
				.withIntervalInMilliseconds(properties.witnessInterval().toMillis())
				.repeatForever()
				.withMisfireHandlingInstructionNextWithRemainingCount())
			// the first post one interval after start: a restart loop must not flood the
			// channel
			.startAt(Date.from(clock.instant().plus(properties.witnessInterval())))
			.build();
	}

}
