"""A router set up with hash history (in whatever file) puts every router route after `#`."""

from __future__ import annotations

from pathlib import Path

import pytest

from specwalk.index.build import IndexSettings, build_index

VUE_ROUTES = """import type { RouteRecordRaw } from 'vue-router'
import HomeView from '../views/HomeView.vue'

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomeView },
  { path: '/login', name: 'login', component: () => import('../views/LoginView.vue') },
  { path: '/article/:slug', name: 'article', component: () => import('../views/ArticleView.vue') },
]
"""
VUE_ROUTER = """import { createRouter, {history} } from 'vue-router'
import { routes } from './routes'

// Deployed under a sub-path of a static host: no server-side fallback for deep links.
export const router = createRouter({
  history: {history}(import.meta.env.BASE_URL),
  routes,
})
"""
VIEW = "<template><h1>{title}</h1></template>\n"

REACT_MAIN = """import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { HashRouter } from 'react-router-dom'
import App from './App'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <HashRouter>
      <App />
    </HashRouter>
  </StrictMode>,
)
"""
REACT_APP = """import { Route, Routes } from 'react-router-dom'

export default function App() {
  return (
    <Routes>
      <Route path="/" element={<h1>Home</h1>} />
      <Route path="settings" element={<h1>Settings</h1>} />
    </Routes>
  )
}
"""
REACT_DATA_ROUTER = """import { createHashRouter, RouterProvider } from 'react-router-dom'

const router = createHashRouter([
  { path: '/', element: <h1>Inbox</h1> },
  { path: '/messages/:id', element: <h1>Message</h1> },
])

export function Root() {
  return <RouterProvider router={router} />
}
"""
ANGULAR_ROUTES = """import { Routes } from '@angular/router';
import { HomeComponent } from './home/home.component';
import { LoginComponent } from './login/login.component';

export const routes: Routes = [
  { path: '', component: HomeComponent },
  { path: 'login', component: LoginComponent },
];
"""
ANGULAR_MODULE = """import { NgModule } from '@angular/core';
import { RouterModule } from '@angular/router';
import { routes } from './app.routes';

@NgModule({
  imports: [RouterModule.forRoot(routes, { useHash: true })],
  exports: [RouterModule],
})
export class AppRoutingModule {}
"""
ANGULAR_CONFIG = """import { ApplicationConfig } from '@angular/core';
import { provideRouter, withHashLocation } from '@angular/router';
import { routes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [provideRouter(routes, withHashLocation())],
};
"""


def index(root: Path, framework: str, files: dict[str, str]) -> list[str]:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    settings = IndexSettings(root=root, source_roots=("src",), framework=framework, output_dir=root / ".out", workers=1)
    return sorted({route.path for route in build_index(settings).uimap.routes})


def vue_app(history: str) -> dict[str, str]:
    return {
        "src/router/routes.ts": VUE_ROUTES,
        "src/router/index.ts": VUE_ROUTER.replace("{history}", history),
        **{f"src/views/{v}View.vue": VIEW.format(title=v) for v in ("Home", "Login", "Article")},
    }


def test_vue_router_with_web_hash_history_in_another_file(tmp_path: Path) -> None:
    assert index(tmp_path, "vue", vue_app("createWebHashHistory")) == ["/#/", "/#/article/:slug", "/#/login"]


def test_vue_router_with_web_history_and_hash_history_only_in_a_comment(tmp_path: Path) -> None:
    files = vue_app("createWebHistory")
    files["src/router/index.ts"] += "// was: createWebHashHistory() before the server got a fallback\n"
    assert index(tmp_path, "vue", files) == ["/", "/article/:slug", "/login"]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"src/main.tsx": REACT_MAIN, "src/App.tsx": REACT_APP}, ["/#/", "/#/settings"]),
        ({"src/main.tsx": REACT_DATA_ROUTER}, ["/#/", "/#/messages/:id"]),
    ],
    ids=["HashRouter", "createHashRouter"],
)
def test_react_router_hash_routers(tmp_path: Path, files: dict[str, str], expected: list[str]) -> None:
    assert index(tmp_path, "react", files) == expected


@pytest.mark.parametrize("setup", [ANGULAR_MODULE, ANGULAR_CONFIG], ids=["useHash", "withHashLocation"])
def test_angular_hash_location(tmp_path: Path, setup: str) -> None:
    files = {"src/app/app.routes.ts": ANGULAR_ROUTES, "src/app/app.setup.ts": setup}
    assert index(tmp_path, "angular", files) == ["/#/", "/#/login"]
