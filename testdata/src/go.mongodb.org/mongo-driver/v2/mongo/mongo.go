// Package mongo is a hand-written stub in the shape of
// go.mongodb.org/mongo-driver/v2/mongo@v2.10.0 for connlint's analysistest,
// not the library. Bodies are trivial.
//
// v2's shape: Connect takes only options (no context) and there is no
// NewClient; operation options are options.Lister values.
package mongo

import (
	"context"
	"errors"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readpref"
)

// ErrNoDocuments is returned by SingleResult when no document matched.
var ErrNoDocuments = errors.New("mongo: no documents in result")

// Client is a MongoDB client owning a connection pool. Disconnect it.
type Client struct {
	opts []*options.ClientOptions
}

// Connect creates a Client and starts its background monitoring.
func Connect(opts ...*options.ClientOptions) (*Client, error) { return nil, nil }

func (c *Client) Disconnect(ctx context.Context) error                  { return nil }
func (c *Client) Ping(ctx context.Context, rp *readpref.ReadPref) error { return nil }

func (c *Client) StartSession(opts ...options.Lister[options.SessionOptions]) (*Session, error) {
	return nil, nil
}

func (c *Client) UseSession(ctx context.Context, fn func(context.Context) error) error {
	return nil
}

func (c *Client) Database(name string, opts ...options.Lister[options.DatabaseOptions]) *Database {
	return &Database{client: c, name: name}
}

func (c *Client) ListDatabaseNames(ctx context.Context, filter any, opts ...options.Lister[options.ListDatabasesOptions]) ([]string, error) {
	return nil, nil
}

// Session is a logical session; end it with EndSession.
type Session struct {
	client *Client
}

func (s *Session) ID() bson.Raw                                { return nil }
func (s *Session) EndSession(ctx context.Context)              {}
func (s *Session) AbortTransaction(ctx context.Context) error  { return nil }
func (s *Session) CommitTransaction(ctx context.Context) error { return nil }
func (s *Session) Client() *Client                             { return s.client }

func (s *Session) StartTransaction(opts ...options.Lister[options.TransactionOptions]) error {
	return nil
}

func (s *Session) WithTransaction(
	ctx context.Context,
	fn func(ctx context.Context) (any, error),
	opts ...options.Lister[options.TransactionOptions],
) (any, error) {
	return fn(ctx)
}

// Database is a handle to a database.
type Database struct {
	client *Client
	name   string
}

func (db *Database) Client() *Client { return db.client }
func (db *Database) Name() string    { return db.name }

func (db *Database) Collection(name string, opts ...options.Lister[options.CollectionOptions]) *Collection {
	return &Collection{db: db, name: name}
}

// Collection is a handle to a collection.
type Collection struct {
	db   *Database
	name string
}

func (coll *Collection) Name() string        { return coll.name }
func (coll *Collection) Database() *Database { return coll.db }

func (coll *Collection) InsertOne(ctx context.Context, document any,
	opts ...options.Lister[options.InsertOneOptions],
) (*InsertOneResult, error) {
	return &InsertOneResult{}, nil
}

func (coll *Collection) DeleteOne(
	ctx context.Context,
	filter any,
	opts ...options.Lister[options.DeleteOneOptions],
) (*DeleteResult, error) {
	return &DeleteResult{}, nil
}

func (coll *Collection) UpdateOne(
	ctx context.Context,
	filter any,
	update any,
	opts ...options.Lister[options.UpdateOneOptions],
) (*UpdateResult, error) {
	return &UpdateResult{}, nil
}

func (coll *Collection) Aggregate(
	ctx context.Context,
	pipeline any,
	opts ...options.Lister[options.AggregateOptions],
) (*Cursor, error) {
	return nil, nil
}

func (coll *Collection) CountDocuments(ctx context.Context, filter any,
	opts ...options.Lister[options.CountOptions],
) (int64, error) {
	return 0, nil
}

// Find returns a Cursor over the matching documents; Close it.
func (coll *Collection) Find(ctx context.Context, filter any,
	opts ...options.Lister[options.FindOptions],
) (*Cursor, error) {
	return nil, nil
}

func (coll *Collection) FindOne(ctx context.Context, filter any,
	opts ...options.Lister[options.FindOneOptions],
) *SingleResult {
	return &SingleResult{}
}

// Cursor iterates over query results. Close it when done.
type Cursor struct {
	Current bson.Raw

	err error
}

func (c *Cursor) ID() int64                                  { return 0 }
func (c *Cursor) Next(ctx context.Context) bool              { return false }
func (c *Cursor) TryNext(ctx context.Context) bool           { return false }
func (c *Cursor) Decode(val any) error                       { return nil }
func (c *Cursor) Err() error                                 { return c.err }
func (c *Cursor) Close(ctx context.Context) error            { return nil }
func (c *Cursor) All(ctx context.Context, results any) error { return nil }
func (c *Cursor) RemainingBatchLength() int                  { return 0 }

// SingleResult is the result of FindOne.
type SingleResult struct {
	err error
}

func (sr *SingleResult) Decode(v any) error     { return sr.err }
func (sr *SingleResult) Err() error             { return sr.err }
func (sr *SingleResult) Raw() (bson.Raw, error) { return nil, sr.err }

type InsertOneResult struct {
	InsertedID   any
	Acknowledged bool
}

type DeleteResult struct {
	DeletedCount int64
	Acknowledged bool
}

type UpdateResult struct {
	MatchedCount  int64
	ModifiedCount int64
	UpsertedCount int64
	UpsertedID    any
	Acknowledged  bool
}
