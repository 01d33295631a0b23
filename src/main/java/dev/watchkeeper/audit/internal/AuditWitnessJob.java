package dev.watchkeeper.audit.internal;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Quartz job (clustered: one replica runs it per interval) that hands the chain head to
 * the witness.
 */
@DisallowConcurrentExecution
class AuditWitnessJob extends QuartzJobBean {

	private static final Logger log = LoggerFactory.getLogger(AuditWitnessJob.class);

	private final AuditWitness witness;

	AuditWitnessJob(AuditWitness witness) {
		this.witness = witness;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		try {
			witness.witness()
				.ifPresent(w -> log.info("audit head {} ({}) sent to the witness channel", w.sequence(), w.hash()));
		}
		catch (RuntimeException ex) {
			// retried at the next interval; the chain itself is unaffected
			log.warn("could not witness the audit head: {}", ex.getMessage());
		}
	}

}
