package dev.watchkeeper.diagnostics.internal;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Every minute: ends expired shares (server half deleted) and deletes the ciphertext of
 * ended shares. Clustered Quartz runs it on one replica at a time; the compare-and-set in
 * the ledger makes a double run harmless anyway.
 */
@DisallowConcurrentExecution
class SharePurgeJob extends QuartzJobBean {

	private static final Logger log = LoggerFactory.getLogger(SharePurgeJob.class);

	private final Shares shares;

	SharePurgeJob(Shares shares) {
		this.shares = shares;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		int deleted = shares.purge();
		if (deleted > 0) {
			log.info("purged {} ended diagnostics shares", deleted);
		}
	}

}
