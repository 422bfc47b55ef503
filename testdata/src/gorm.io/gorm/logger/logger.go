// Package logger is a hand-written stub in the shape of
// gorm.io/gorm/logger@v1.31.2 for connlint's analysistest, not the library.
package logger

import (
	"context"
	"time"
)

// LogLevel is a log level.
type LogLevel int

const (
	Silent LogLevel = iota + 1
	Error
	Warn
	Info
)

// Interface is gorm's logger interface.
type Interface interface {
	LogMode(LogLevel) Interface
	Info(context.Context, string, ...interface{})
	Warn(context.Context, string, ...interface{})
	Error(context.Context, string, ...interface{})
	Trace(ctx context.Context, begin time.Time, fc func() (sql string, rowsAffected int64), err error)
}

// Default is the default logger.
var Default Interface
