/**
 * Jest reporter that ends the run with one plain line CI can read: `jest: N passed, N failed, N skipped`.
 */
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
		process.stdout.write(
			`\njest: ${results.numPassedTests} passed, ${failed} failed, ${results.numPendingTests} skipped\n`,
		);
	}
}
module.exports = SummaryReporter;
