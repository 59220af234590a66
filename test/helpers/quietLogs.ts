/** n8n's logger prints every node error to the console; tests assert errors themselves (read lazily by @n8n/config). */
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';
