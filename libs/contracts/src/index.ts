export { SEAT_AVAILABILITY_TOPIC } from './topics.js';
