'use strict';
/**
 * Ordered clean-up on Ctrl-C / SIGTERM / normal exit: everything a script started (n8n, the sandbox)
 * registers a stop function here; they run in reverse order of registration, each at most once.
 */
const stops = [];
let stopping;

/** Register an async stop function. */
function onShutdown(label, stop) {
	stops.push({ label, stop });
}

/**
 * Run all registered stop functions (reverse order). Errors are printed, not thrown.
 * @returns {Promise<void>}
 */
function shutdown() {
	if (!stopping) {
		stopping = (async () => {
			while (stops.length) {
				const { label, stop } = stops.pop();
				try {
					await stop();
				} catch (error) {
					console.error(`Stopping ${label} failed: ${error.message}`);
				}
			}
		})();
	}
	return stopping;
}

/** Install SIGINT/SIGTERM handlers that shut down and exit with 130/143. */
function handleSignals({ log = console.log } = {}) {
	for (const [signal, code] of [
		['SIGINT', 130],
		['SIGTERM', 143],
	]) {
		process.on(signal, () => {
			log(`\n${signal}: stopping n8n and the sandbox…`);
			shutdown().then(() => process.exit(code));
		});
	}
}

/** True once shutdown() has been called. */
const isShuttingDown = () => Boolean(stopping);

module.exports = { onShutdown, shutdown, handleSignals, isShuttingDown };
