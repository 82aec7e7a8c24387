// Command oidc runs the native stack's OpenID Connect provider: zitadel/oidc's OpenID-certified provider
// library with its example login page and in-memory sessions, given the stack's users and the web page's
// public client. Sessions and signing keys live only as long as the process; the users come from a file.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
	"golang.org/x/text/language"
)

// rolesClaim carries a person's roles in the access and ID tokens; the services map it to what is allowed.
const rolesClaim = "roles"

type account struct {
	Username string   `json:"username"`
	Password string   `json:"password"`
	Name     string   `json:"name"`
	Roles    []string `json:"roles"`
}

// people is the stack's user store: the subject of each person's tokens is the username.
type people map[string]account

func (p people) user(username string) *storage.User {
	a, ok := p[username]
	if !ok {
		return nil
	}
	return &storage.User{
		ID:                a.Username,
		Username:          a.Username,
		Password:          a.Password,
		FirstName:         a.Name,
		Email:             a.Username + "@example.com",
		EmailVerified:     true,
		PreferredLanguage: language.English,
		IsAdmin:           false,
	}
}

func (p people) GetUserByID(id string) *storage.User         { return p.user(id) }
func (p people) GetUserByUsername(name string) *storage.User { return p.user(name) }
func (p people) ExampleClientID() string                     { return "" }

// provider is the example storage with the stack's roles claim, JWT access tokens and their lifetime.
type provider struct {
	*storage.Storage
	people   people
	lifetime time.Duration
}

// jwtClient is a public client (PKCE, no secret) whose access tokens are JWTs the services verify offline.
type jwtClient struct{ op.Client }

func (jwtClient) AccessTokenType() op.AccessTokenType { return op.AccessTokenTypeJWT }

// DevMode lets the page's redirect URI be plain http on loopback, as the native stack serves it.
func (jwtClient) DevMode() bool { return true }

// loopbackPages are the redirect URIs a page on this machine may use on any port (a test's query service
// listens on a port of its own): a code sent there never leaves the machine.
var loopbackPages = []string{"http://127.0.0.1:*/", "http://localhost:*/"}

func (jwtClient) RedirectURIGlobs() []string           { return loopbackPages }
func (jwtClient) PostLogoutRedirectURIGlobs() []string { return loopbackPages }

func (p *provider) GetClientByClientID(ctx context.Context, id string) (op.Client, error) {
	client, err := p.Storage.GetClientByClientID(ctx, id)
	if err != nil {
		return nil, err
	}
	return jwtClient{client}, nil
}

func (p *provider) roles(userID string) map[string]any {
	return map[string]any{rolesClaim: append([]string{}, p.people[userID].Roles...)}
}

func (p *provider) GetPrivateClaimsFromScopes(_ context.Context, userID, _ string, _ []string) (map[string]any, error) {
	return p.roles(userID), nil
}

func (p *provider) SetUserinfoFromRequest(ctx context.Context, info *oidc.UserInfo, token op.IDTokenRequest, scopes []string) error {
	if err := p.Storage.SetUserinfoFromRequest(ctx, info, token, scopes); err != nil {
		return err
	}
	info.AppendClaims(rolesClaim, p.people[token.GetSubject()].Roles)
	return nil
}

// CreateAccessToken keeps the example's bookkeeping but gives the token the stack's lifetime instead of 5 min.
func (p *provider) CreateAccessToken(ctx context.Context, request op.TokenRequest) (string, time.Time, error) {
	id, _, err := p.Storage.CreateAccessToken(ctx, request)
	return id, time.Now().Add(p.lifetime), err
}

func readPeople(path string) (people, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var accounts []account
	if err := json.Unmarshal(data, &accounts); err != nil {
		return nil, err
	}
	byName := people{}
	for _, a := range accounts {
		byName[a.Username] = a
	}
	return byName, nil
}

func main() {
	listen := flag.String("listen", "127.0.0.1:55556", "TCP address to listen on")
	issuer := flag.String("issuer", "http://127.0.0.1:55556", "issuer URL, as the services and browsers reach it")
	usersFile := flag.String("users", "users.json", "JSON array of {username, password, name, roles}")
	clientID := flag.String("client-id", "seat-reservations", "the public client of the web page and scripts")
	redirects := flag.String("redirect-uris", "http://127.0.0.1:3002/", "comma-separated redirect URIs of the client")
	lifetime := flag.Duration("token-lifetime", time.Hour, "lifetime of access tokens")
	flag.Parse()

	logger := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	users, err := readPeople(*usersFile)
	if err != nil {
		logger.Error("cannot read the users", "file", *usersFile, "error", err)
		os.Exit(1)
	}
	storage.RegisterClients(storage.NativeClient(*clientID, strings.Split(*redirects, ",")...))
	store := &provider{Storage: storage.NewStorage(users), people: users, lifetime: *lifetime}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	server := &http.Server{
		Addr:              *listen,
		Handler:           exampleop.SetupServer(*issuer, store, logger, false),
		ReadHeaderTimeout: 10 * time.Second,
	}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = server.Shutdown(shutdown)
	}()
	if err := server.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		logger.Error("cannot serve", "error", err)
		os.Exit(1)
	}
}
