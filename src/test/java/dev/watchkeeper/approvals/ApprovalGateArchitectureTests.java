package dev.watchkeeper.approvals;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.watchkeeper.actions.Action;
import dev.watchkeeper.actions.ExecutionPermit;
import org.junit.jupiter.api.Test;

/**
 * Destructive code cannot be reached without approval: only the approvals module's
 * executor issues execution permits and calls {@link Action#execute}. (The permit also
 * checks its caller at run time.)
 */
class ApprovalGateArchitectureTests {

	static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.watchkeeper");

	@Test
	void onlyTheApprovalsExecutorIssuesPermits() {
		noClasses().that()
			.resideOutsideOfPackage("dev.watchkeeper.approvals.internal")
			.should()
			.callMethodWhere(describe("ExecutionPermit.issue(..)",
					(JavaMethodCall call) -> call.getTargetOwner().isEquivalentTo(ExecutionPermit.class)
							&& call.getName().equals("issue")))
			.check(classes);
	}

	@Test
	void onlyTheApprovalsExecutorRunsActions() {
		noClasses().that()
			.resideOutsideOfPackage("dev.watchkeeper.approvals.internal")
			.should()
			.callMethodWhere(describe("Action#execute(..)",
					(JavaMethodCall call) -> call.getTargetOwner().isAssignableTo(Action.class)
							&& call.getName().equals("execute")))
			.check(classes);
	}

}
