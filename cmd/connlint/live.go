package main

import "github.com/connlint/connlint/live"

// liveMain is `connlint live`, the runtime checker.
var liveMain = live.Main
