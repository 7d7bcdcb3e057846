/** `cec-bar-host/testing`: Playwright fixtures for QA. */
export {};
