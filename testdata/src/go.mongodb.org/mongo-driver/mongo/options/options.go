// Package options is a hand-written stub in the shape of
// go.mongodb.org/mongo-driver/mongo/options@v1.17.10 for connlint's
// analysistest, not the library. Only a few options types and setters are
// present.
package options

import "time"

// Credential holds authentication settings.
type Credential struct {
	AuthMechanism string
	AuthSource    string
	Username      string
	Password      string
	PasswordSet   bool
}

// ClientOptions configures a Client.
type ClientOptions struct {
	AppName        *string
	Auth           *Credential
	ConnectTimeout *time.Duration
	Hosts          []string
	MaxPoolSize    *uint64
	MinPoolSize    *uint64

	err error
	uri string
}

// Client returns an empty ClientOptions.
func Client() *ClientOptions { return &ClientOptions{} }

func (c *ClientOptions) ApplyURI(uri string) *ClientOptions     { c.uri = uri; return c }
func (c *ClientOptions) GetURI() string                         { return c.uri }
func (c *ClientOptions) Validate() error                        { return c.err }
func (c *ClientOptions) SetAppName(s string) *ClientOptions     { c.AppName = &s; return c }
func (c *ClientOptions) SetAuth(auth Credential) *ClientOptions { c.Auth = &auth; return c }
func (c *ClientOptions) SetConnectTimeout(d time.Duration) *ClientOptions {
	c.ConnectTimeout = &d
	return c
}
func (c *ClientOptions) SetMaxPoolSize(u uint64) *ClientOptions { c.MaxPoolSize = &u; return c }
func (c *ClientOptions) SetMinPoolSize(u uint64) *ClientOptions { c.MinPoolSize = &u; return c }

type DatabaseOptions struct{}

func Database() *DatabaseOptions { return &DatabaseOptions{} }

type CollectionOptions struct{}

func Collection() *CollectionOptions { return &CollectionOptions{} }

type FindOptions struct {
	Limit *int64
	Skip  *int64
	Sort  interface{}
}

func Find() *FindOptions                                     { return &FindOptions{} }
func (f *FindOptions) SetLimit(i int64) *FindOptions         { f.Limit = &i; return f }
func (f *FindOptions) SetSkip(i int64) *FindOptions          { f.Skip = &i; return f }
func (f *FindOptions) SetSort(sort interface{}) *FindOptions { f.Sort = sort; return f }

type FindOneOptions struct {
	Skip *int64
	Sort interface{}
}

func FindOne() *FindOneOptions { return &FindOneOptions{} }

type InsertOneOptions struct{}
type InsertManyOptions struct{}
type UpdateOptions struct{ Upsert *bool }
type DeleteOptions struct{}
type CountOptions struct{}
type AggregateOptions struct{}
type ListDatabasesOptions struct{}
type SessionOptions struct{}
type TransactionOptions struct{}
