import { banner } from '@mono/ui';
document.querySelector('#app').innerHTML = banner('@mono/ui');
