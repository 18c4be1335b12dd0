import { createPinia } from 'pinia';
import { createApp } from 'vue';
import '../shared/base.css';
import './history.css';
import HistoryApp from './HistoryApp.vue';

createApp(HistoryApp).use(createPinia()).mount('#app');
