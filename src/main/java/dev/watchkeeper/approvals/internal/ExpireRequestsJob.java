package dev.watchkeeper.approvals.internal;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** Quartz job: expires overdue requests. One run at a time across the cluster. */
@DisallowConcurrentExecution
public class ExpireRequestsJob extends QuartzJobBean {

	private final RequestExpiry expiry;

	public ExpireRequestsJob(RequestExpiry expiry) {
		this.expiry = expiry;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		expiry.expireDue();
	}

}
