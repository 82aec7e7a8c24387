import { type DynamicModule, Module } from '@nestjs/common';
import { UI_SETTINGS, UiController, type UiSettings } from './ui.controller.js';

@Module({})
export class UiModule {
  static forRoot(settings: UiSettings): DynamicModule {
    return { module: UiModule, controllers: [UiController], providers: [{ provide: UI_SETTINGS, useValue: settings }] };
  }
}
