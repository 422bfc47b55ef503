// Package stubcheck holds a test that type-checks the hand-written library
// stubs under testdata/src (GOPATH layout) that the Go analyzers' analysistest
// suites import, and checks that a few API shapes the analyzers rely on
// resolve as they do with the real libraries.
package stubcheck
