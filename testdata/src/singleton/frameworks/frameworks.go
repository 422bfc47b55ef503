// Package frameworks covers request handlers of every framework RULES.md
// names, as methods, literals, conversions and goroutines, next to the
// shapes that build a client once per route or per server.
package frameworks

import (
	"context"
	"database/sql"
	"net/http"

	"entapp/ent"
	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/gin-gonic/gin"
	"github.com/gofiber/fiber/v2"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"
	"github.com/redis/go-redis/v9"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
	"prismaapp/db"
)

type Handlers struct {
	dsn string
	rdb *redis.Client
}

// gin, as a method.
func (h *Handlers) ListOrders(c *gin.Context) {
	pool, err := pgxpool.New(c.Request.Context(), h.dsn) // want `pgxpool.New builds a new \*pgxpool.Pool in the HTTP handler ListOrders`
	if err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	defer pool.Close()
	c.JSON(http.StatusOK, gin.H{"ok": true})
}

// echo, as a literal.
func (h *Handlers) Register(e *echo.Echo) {
	e.GET("/sessions", func(c echo.Context) error {
		rdb := redis.NewClient(&redis.Options{Addr: "cache:6379"}) // want `redis.NewClient builds a new \*redis.Client in the HTTP handler literal`
		defer rdb.Close()
		return c.JSON(http.StatusOK, rdb.DBSize(c.Request().Context()).Val())
	})
	e.GET("/sessions/shared", func(c echo.Context) error {
		return c.JSON(http.StatusOK, h.rdb.DBSize(c.Request().Context()).Val())
	})
}

// fiber, as a literal.
func (h *Handlers) Mount(app *fiber.App) {
	app.Get("/reviews", func(c *fiber.Ctx) error {
		client, err := mongo.Connect(c.Context(), options.Client().ApplyURI(h.dsn)) // want `mongo.Connect builds a new \*mongo.Client in the HTTP handler literal`
		if err != nil {
			return err
		}
		defer client.Disconnect(c.Context())
		return c.SendStatus(http.StatusOK)
	})
}

// net/http: a literal converted to http.HandlerFunc.
func (h *Handlers) Export() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, err := sql.Open("pgx", h.dsn) // want `sql.Open builds a new \*sql.DB in the HTTP handler literal`
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer conn.Close()
	})
}

// A goroutine started by a handler still runs once per request.
func (h *Handlers) Warm(w http.ResponseWriter, r *http.Request) {
	go func() {
		rdb := redis.NewClient(&redis.Options{Addr: "cache:6379"}) // want `redis.NewClient builds a new \*redis.Client in the HTTP handler Warm`
		defer rdb.Close()
		_ = rdb.Ping(context.Background())
	}()
	w.WriteHeader(http.StatusAccepted)
}

// Middleware built once per route: its client is built when the route is
// set up, not per request.
func Audit(dsn string) func(http.Handler) http.Handler {
	pool, err := pgxpool.New(context.Background(), dsn)
	if err != nil {
		panic(err)
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = pool.Exec(r.Context(), "INSERT INTO audit (path) VALUES ($1)", r.URL.Path)
			next.ServeHTTP(w, r)
		})
	}
}

// Generated clients: ent and prisma-client-go.
func (h *Handlers) EntUsers(c *gin.Context) {
	drv := entsql.OpenDB(dialect.Postgres, nil)
	client := ent.NewClient(ent.Driver(drv)) // want `ent.NewClient builds a new \*ent.Client in the HTTP handler EntUsers`
	defer client.Close()
	c.Status(http.StatusOK)
}

func (h *Handlers) PrismaUsers(w http.ResponseWriter, r *http.Request) {
	client := db.NewClient() // want `db.NewClient builds a new \*db.PrismaClient in the HTTP handler PrismaUsers`
	if err := client.Prisma.Connect(); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer client.Prisma.Disconnect()
}

// A method wrapper: Config.Open returns a new client.
type Config struct{ DSN string }

func (c Config) Open() (*sql.DB, error) { // want Open:"wraps sql"
	d, err := sql.Open("pgx", c.DSN)
	if err != nil {
		return nil, err
	}
	d.SetMaxOpenConns(4)
	return d, nil
}

func (h *Handlers) Report(w http.ResponseWriter, r *http.Request) {
	d, err := Config{DSN: h.dsn}.Open() // want `Open builds a new \*sql.DB in the HTTP handler Report`
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer d.Close()
}
