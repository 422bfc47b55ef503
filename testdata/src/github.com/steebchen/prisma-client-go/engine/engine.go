// Package engine is a hand-written stub in the shape of the engine package
// of github.com/steebchen/prisma-client-go (the module is not served by the
// Go module proxy; the shape follows its repository) for connlint's
// analysistest, not the library.
package engine

import "context"

// Engine runs Prisma queries; Connect starts it and Disconnect stops it.
type Engine interface {
	Connect() error
	Disconnect() error
	Do(ctx context.Context, payload interface{}, into interface{}) error
	Batch(ctx context.Context, payload interface{}, into interface{}) error
	Name() string
}

// QueryEngine runs the Prisma query engine binary.
type QueryEngine struct {
	Schema string

	hasBinaryTargets bool
	datasources      string
	datasourceURL    string
}

// NewQueryEngine returns an engine for schema; it is not connected yet.
func NewQueryEngine(schema string, hasBinaryTargets bool, datasources string, datasourceURL string) *QueryEngine {
	return &QueryEngine{Schema: schema, hasBinaryTargets: hasBinaryTargets, datasources: datasources, datasourceURL: datasourceURL}
}

func (e *QueryEngine) Name() string      { return "query-engine" }
func (e *QueryEngine) Connect() error    { return nil }
func (e *QueryEngine) Disconnect() error { return nil }

func (e *QueryEngine) Do(ctx context.Context, payload interface{}, into interface{}) error {
	return nil
}

func (e *QueryEngine) Batch(ctx context.Context, payload interface{}, into interface{}) error {
	return nil
}

var _ Engine = (*QueryEngine)(nil)
