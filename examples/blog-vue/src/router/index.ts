import { createRouter, createWebHashHistory } from 'vue-router';
import HomeView from '../views/HomeView.vue';
import SignInView from '../views/SignInView.vue';
import SignUpView from '../views/SignUpView.vue';
import EditorView from '../views/EditorView.vue';
import ArticleView from '../views/ArticleView.vue';
import ProfileView from '../views/ProfileView.vue';
import NotFoundView from '../views/NotFoundView.vue';
import { sessionReady, useSession } from '../session';

// Hash history: the app is served as static files on any host, so every URL is /#/...
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'home', component: HomeView, meta: { title: 'Home' } },
    { path: '/tag/:tag', name: 'tag', component: HomeView, props: true, meta: { title: 'Articles by tag' } },
    { path: '/login', name: 'login', component: SignInView, meta: { title: 'Sign in' } },
    { path: '/register', name: 'register', component: SignUpView, meta: { title: 'Sign up' } },
    { path: '/editor', name: 'new-article', component: EditorView, meta: { title: 'New article', auth: true } },
    {
      path: '/editor/:slug',
      name: 'edit-article',
      component: EditorView,
      props: true,
      meta: { title: 'Edit article', auth: true },
    },
    { path: '/article/:slug', name: 'article', component: ArticleView, props: true, meta: { title: 'Article' } },
    {
      path: '/profile/:username',
      name: 'profile',
      component: ProfileView,
      props: true,
      meta: { title: 'Profile' },
    },
    {
      path: '/profile/:username/favorites',
      name: 'profile-favorites',
      component: ProfileView,
      props: (route) => ({ username: route.params.username, favorites: true }),
      meta: { title: 'Favorited articles' },
    },
    { path: '/:pathMatch(.*)*', name: 'not-found', component: NotFoundView, meta: { title: 'Page not found' } },
  ],
  scrollBehavior: () => ({ top: 0 }),
});

router.beforeEach(async (to) => {
  if (!to.meta.auth) return true;
  await sessionReady();
  const { signedIn } = useSession();
  // Writing needs an account: send visitors to sign in, and back here afterwards.
  return signedIn.value ? true : { name: 'login', query: { redirect: to.fullPath } };
});

router.afterEach((to) => {
  const title = typeof to.meta.title === 'string' ? to.meta.title : '';
  document.title = title ? `${title} — Fieldnotes` : 'Fieldnotes';
});
