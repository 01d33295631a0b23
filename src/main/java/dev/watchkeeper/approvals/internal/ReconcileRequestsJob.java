package dev.watchkeeper.approvals.internal;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Quartz job: settles requests left unfinished by a crash. One run at a time across the
 * cluster.
 */
@DisallowConcurrentExecution
public class ReconcileRequestsJob extends QuartzJobBean {

	private final RequestReconciler reconciler;

	public ReconcileRequestsJob(RequestReconciler reconciler) {
		this.reconciler = reconciler;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		reconciler.reconcile(false);
	}

}
