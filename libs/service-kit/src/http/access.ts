import { SetMetadata } from '@nestjs/common';

/** Where a route's access rule is kept: libs/auth's guard reads it, and its `Allow` decorator writes it. */
export const ACCESS_METADATA = 'seat-reservations:access';

/** A route anyone may call without a token (health, metrics); the access guard lets it through. */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(ACCESS_METADATA, 'anyone');
