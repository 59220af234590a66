'use strict';
const net = require('node:net');

/**
 * Ask the OS for a free TCP port on 127.0.0.1.
 * @returns {Promise<number>}
 */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

module.exports = { freePort };

/**
 * Throw a clear error when a TCP port on 127.0.0.1 is already taken.
 * @param {number} port
 * @param {string} what e.g. 'n8n (N8N_PORT)'
 * @throws Error naming the port, the owner guess and the variable to change
 */
function assertPortFree(port, what) {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', (error) =>
			reject(
				error.code === 'EADDRINUSE'
					? new Error(
							`Port ${port} for ${what} is already in use (another instance running?). Stop it or choose another port.`,
						)
					: error,
			),
		);
		server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
	});
}

module.exports.assertPortFree = assertPortFree;
