// Command server runs the HTTP API on the singleton clients.
package main

import (
	"context"
	"log"
	"net/http"
	"os"
	"os/signal"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"

	"holdout.example/svc/internal/api"
	"holdout.example/svc/internal/db"
)

// holdout: neg
// singleton/release: main uses db.Pool (the sync.Once singleton) and closes at shutdown.
func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	pool, err := db.Pool(ctx)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	srv := api.NewServer(pool)
	g := gin.New()
	api.RegisterGin(g)
	g.GET("/accounts", api.GinAccounts)
	g.GET("/pool", api.GinPoolStats)
	g.GET("/flag/:name", api.GinFlag)
	g.POST("/lock", api.GinLock)
	e := echo.New()
	api.RegisterEcho(e)
	e.GET("/version", api.EchoVersion)
	e.GET("/legacy", api.EchoLegacy)
	e.GET("/ping", api.EchoPing)
	go g.Run(":8081")
	go e.Start(":8082")
	hs := &http.Server{Addr: ":8080", Handler: api.Routes(srv)}
	go hs.ListenAndServe()
	<-ctx.Done()
	hs.Shutdown(context.Background())
}
