import { createApp } from 'vue';
import App from './App.vue';
import { router } from './router';
import { beginRestore } from './session';
import './styles.css';

beginRestore();
createApp(App).use(router).mount('#app');
