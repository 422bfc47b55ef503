// Package mongo is a hand-written stub in the shape of
// go.mongodb.org/mongo-driver/mongo@v1.17.10 for connlint's analysistest,
// not the library. Bodies are trivial.
package mongo

import (
	"context"
	"errors"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/bson/primitive"
	"go.mongodb.org/mongo-driver/mongo/options"
	"go.mongodb.org/mongo-driver/mongo/readpref"
)

// ErrNoDocuments is returned by SingleResult when no document matched.
var ErrNoDocuments = errors.New("mongo: no documents in result")

// Client is a MongoDB client owning a connection pool. Disconnect it.
type Client struct {
	opts []*options.ClientOptions
}

// Connect creates a Client and connects it.
func Connect(ctx context.Context, opts ...*options.ClientOptions) (*Client, error) { return nil, nil }

// NewClient creates a Client; call Client.Connect before use (deprecated).
func NewClient(opts ...*options.ClientOptions) (*Client, error) { return nil, nil }

func (c *Client) Connect(ctx context.Context) error                                   { return nil }
func (c *Client) Disconnect(ctx context.Context) error                                { return nil }
func (c *Client) Ping(ctx context.Context, rp *readpref.ReadPref) error               { return nil }
func (c *Client) StartSession(opts ...*options.SessionOptions) (Session, error)       { return nil, nil }
func (c *Client) UseSession(ctx context.Context, fn func(SessionContext) error) error { return nil }

func (c *Client) Database(name string, opts ...*options.DatabaseOptions) *Database {
	return &Database{client: c, name: name}
}

func (c *Client) ListDatabaseNames(ctx context.Context, filter interface{}, opts ...*options.ListDatabasesOptions) ([]string, error) {
	return nil, nil
}

// Session is a logical session.
type Session interface {
	StartTransaction(...*options.TransactionOptions) error
	AbortTransaction(context.Context) error
	CommitTransaction(context.Context) error
	WithTransaction(ctx context.Context, fn func(ctx SessionContext) (interface{}, error),
		opts ...*options.TransactionOptions) (interface{}, error)
	EndSession(context.Context)
	ClusterTime() bson.Raw
	OperationTime() *primitive.Timestamp
	Client() *Client
	ID() bson.Raw
	AdvanceClusterTime(bson.Raw) error
	AdvanceOperationTime(*primitive.Timestamp) error
}

// SessionContext is a context carrying a Session.
type SessionContext interface {
	context.Context
	Session
}

// Database is a handle to a database.
type Database struct {
	client *Client
	name   string
}

func (db *Database) Client() *Client { return db.client }
func (db *Database) Name() string    { return db.name }

func (db *Database) Collection(name string, opts ...*options.CollectionOptions) *Collection {
	return &Collection{db: db, name: name}
}

// Collection is a handle to a collection.
type Collection struct {
	db   *Database
	name string
}

func (coll *Collection) Name() string        { return coll.name }
func (coll *Collection) Database() *Database { return coll.db }

func (coll *Collection) InsertOne(ctx context.Context, document interface{},
	opts ...*options.InsertOneOptions) (*InsertOneResult, error) {
	return &InsertOneResult{}, nil
}

func (coll *Collection) InsertMany(ctx context.Context, documents []interface{},
	opts ...*options.InsertManyOptions) (*InsertManyResult, error) {
	return &InsertManyResult{}, nil
}

func (coll *Collection) DeleteOne(ctx context.Context, filter interface{},
	opts ...*options.DeleteOptions) (*DeleteResult, error) {
	return &DeleteResult{}, nil
}

func (coll *Collection) UpdateOne(ctx context.Context, filter interface{}, update interface{},
	opts ...*options.UpdateOptions) (*UpdateResult, error) {
	return &UpdateResult{}, nil
}

func (coll *Collection) Aggregate(ctx context.Context, pipeline interface{},
	opts ...*options.AggregateOptions) (*Cursor, error) {
	return nil, nil
}

func (coll *Collection) CountDocuments(ctx context.Context, filter interface{},
	opts ...*options.CountOptions) (int64, error) {
	return 0, nil
}

// Find returns a Cursor over the matching documents; Close it.
func (coll *Collection) Find(ctx context.Context, filter interface{},
	opts ...*options.FindOptions) (cur *Cursor, err error) {
	return nil, nil
}

func (coll *Collection) FindOne(ctx context.Context, filter interface{},
	opts ...*options.FindOneOptions) *SingleResult {
	return &SingleResult{}
}

// Cursor iterates over query results. Close it when done.
type Cursor struct {
	Current bson.Raw

	err error
}

func (c *Cursor) ID() int64                                          { return 0 }
func (c *Cursor) Next(ctx context.Context) bool                      { return false }
func (c *Cursor) TryNext(ctx context.Context) bool                   { return false }
func (c *Cursor) Decode(val interface{}) error                       { return nil }
func (c *Cursor) Err() error                                         { return c.err }
func (c *Cursor) Close(ctx context.Context) error                    { return nil }
func (c *Cursor) All(ctx context.Context, results interface{}) error { return nil }
func (c *Cursor) RemainingBatchLength() int                          { return 0 }

// SingleResult is the result of FindOne.
type SingleResult struct {
	err error
}

func (sr *SingleResult) Decode(v interface{}) error { return sr.err }
func (sr *SingleResult) Err() error                 { return sr.err }
func (sr *SingleResult) Raw() (bson.Raw, error)     { return nil, sr.err }

type InsertOneResult struct {
	InsertedID interface{}
}

type InsertManyResult struct {
	InsertedIDs []interface{}
}

type DeleteResult struct {
	DeletedCount int64
}

type UpdateResult struct {
	MatchedCount  int64
	ModifiedCount int64
	UpsertedCount int64
	UpsertedID    interface{}
}
