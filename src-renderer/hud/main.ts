import { createPinia } from 'pinia';
import { createApp } from 'vue';
import '../shared/base.css';
import './hud.css';
import HudApp from './HudApp.vue';

createApp(HudApp).use(createPinia()).mount('#app');
