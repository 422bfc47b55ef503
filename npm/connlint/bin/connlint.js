#!/usr/bin/env node
// connlint's npm launcher: it finds the native binary that npm installed
// from the optional dependency matching this platform and runs it with the
// same arguments, stdio and exit status. Nothing is downloaded at install
// time, so the package works offline and behind registries that block
// install scripts.
"use strict";

const { spawnSync } = require("node:child_process");
const path = require("node:path");

// Platform packages, keyed as Node names the platform. build.sh writes one
// package per key; a release may leave some out (see npm/README.md).
const PLATFORM_PACKAGES = {
  "linux x64": "@connlint/linux-x64",
  "linux arm64": "@connlint/linux-arm64",
  "darwin x64": "@connlint/darwin-x64",
  "darwin arm64": "@connlint/darwin-arm64",
  "win32 x64": "@connlint/win32-x64",
};

const FROM_SOURCE =
  "build it from source instead (Go 1.26 and a C compiler): " +
  "go install github.com/connlint/connlint/cmd/connlint@latest";

// The launcher's own failures exit as "could not run": 2 for the linter,
// 3 (Nagios UNKNOWN) for `connlint live`, whose 2 means CRITICAL.
const COULD_NOT_RUN = process.argv[2] === "live" ? 3 : 2;

function fail(message) {
  process.stderr.write(`connlint: ${message}\n`);
  process.exit(COULD_NOT_RUN);
}

function binaryPath() {
  // An explicit binary wins: for a source build, or a platform we do not ship.
  if (process.env.CONNLINT_BINARY) return process.env.CONNLINT_BINARY;

  const key = `${process.platform} ${process.arch}`;
  const pkg = PLATFORM_PACKAGES[key];
  if (!pkg) {
    fail(`no prebuilt binary for ${process.platform}-${process.arch}; ${FROM_SOURCE}, then set CONNLINT_BINARY to its path`);
  }
  const exe = process.platform === "win32" ? "connlint.exe" : "connlint";
  try {
    return require.resolve(`${pkg}/bin/${exe}`);
  } catch {
    const ours = require("../package.json");
    const listed = ours.optionalDependencies && ours.optionalDependencies[pkg];
    if (!listed) {
      fail(`this release of connlint has no binary for ${process.platform}-${process.arch}; ${FROM_SOURCE}, then set CONNLINT_BINARY to its path`);
    }
    fail(
      `the platform package ${pkg} is not installed. npm installs it as an optional ` +
        `dependency: reinstall without --no-optional / --omit=optional, and keep it when ` +
        `copying node_modules between machines of different platforms`
    );
  }
}

function main() {
  const binary = binaryPath();
  const result = spawnSync(binary, process.argv.slice(2), { stdio: "inherit" });
  if (result.error) {
    fail(`cannot run ${path.basename(binary)} (${binary}): ${result.error.message}`);
  }
  if (result.signal) {
    // Die of the same signal, so that callers (lint-staged, CI) see it.
    process.kill(process.pid, result.signal);
    return;
  }
  process.exit(result.status);
}

main();
