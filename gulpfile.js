const path = require('path');
const { task, src, dest } = require('gulp');

/**
 * Copies node and credential icons (light and dark SVG/PNG) into dist/, keeping their folders.
 * One stream over both trees, so gulp waits for every copy to finish (the starter's two-stream bug).
 */
function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}', 'icons/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
		allowEmpty: true,
	}).pipe(dest(path.resolve('dist')));
}

task('build:icons', copyIcons);
