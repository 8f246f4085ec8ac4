// Placeholder entry so the build has a webview bundle; the report panel UI replaces it.
export {};
