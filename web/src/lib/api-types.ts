/**
 * The API's paths, parameters, bodies and replies, generated from the server's OpenAPI document
 * (/api/openapi.json) by `npm run api-types`. Do not edit: change the server's schemas and run it again.
 */
export interface paths {
  '/healthz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness: 200 while the database answers, else 503 */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Prometheus metrics, in the text exposition format */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/signup': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create an account and log in */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name: string;
            email: string;
            password: string;
            headline?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              member: {
                id: string;
                name: string;
                email: string;
                /** @description Until the link mailed to the address is followed, nothing addressed to it reaches the account */
                emailVerified: boolean;
                role: 'member' | 'support' | 'admin';
                headline: string;
              };
              csrfToken: string;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Log in with a session cookie */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            email: string;
            password: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              member: {
                id: string;
                name: string;
                email: string;
                /** @description Until the link mailed to the address is followed, nothing addressed to it reaches the account */
                emailVerified: boolean;
                role: 'member' | 'support' | 'admin';
                headline: string;
              };
              csrfToken: string;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke the credential of this call: the session cookie, or the bearer token */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/csrf': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The CSRF token of this session */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              csrfToken: string;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/tokens': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My bearer tokens, newest first (never the secret) */
    get: {
      parameters: {
        query?: {
          limit?: number;
          cursor?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                id: string;
                name: string | null;
                /** Format: date-time */
                createdAt: string;
                lastUsedAt: string | null;
              }[];
              nextCursor: string | null;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    /** Exchange credentials for a bearer token */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            email: string;
            password: string;
            /** @description What the token is for, as shown in the list of tokens */
            name?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              token: string;
              /** @description The token in GET /auth/tokens */
              id: string;
              member: {
                id: string;
                name: string;
                email: string;
                /** @description Until the link mailed to the address is followed, nothing addressed to it reaches the account */
                emailVerified: boolean;
                role: 'member' | 'support' | 'admin';
                headline: string;
              };
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/tokens/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke one of my bearer tokens; it stops working at once */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/members/{id}/credentials/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke every session and bearer token of a member, at once */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description Why, for the audit trail */
            reason?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              revoked: number;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/members/{id}/suspend': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Suspend a member: none of their credentials works, and they cannot log in or get a token */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description Why, for the audit trail */
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description The member */
              id: string;
              suspendedAt: string | null;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/members/{id}/unsuspend': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Lift a member's suspension; their unexpired credentials work again */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description Why, for the audit trail */
            reason?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description The member */
              id: string;
              suspendedAt: string | null;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/session': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who is signed in: `me` as GET /me returns it, or null when no credentials were sent */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              me: {
                member: {
                  id: string;
                  name: string;
                  email: string;
                  /** @description Until the link mailed to the address is followed, nothing addressed to it reaches the account */
                  emailVerified: boolean;
                  role: 'member' | 'support' | 'admin';
                  headline: string;
                };
                balance: {
                  available: number;
                  weeklyLimit: number;
                  sentLast7Days: number;
                  weeklyWindowFreesAt: string | null;
                };
                restricted: boolean;
                /** @description What applies to this member’s invitations: after a withdrawal, how long before the same person can be invited again */
                rules: {
                  reinviteCooldownSeconds: number;
                };
                features: {
                  'bulk-withdraw': boolean;
                  'inbox-withdraw': boolean;
                  'new-messaging': boolean;
                };
                receivedPending: number;
                /** @description Unread messages per folder, and in all */
                inboxUnread: {
                  received: number;
                  sent: number;
                  total: number;
                };
                /** @description Unread messages of my conversations, and unread invitations of my inbox’s Received folder */
                unread: {
                  messages: number;
                  invitations: number;
                };
              } | null;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who I am, my balance and my features */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              member: {
                id: string;
                name: string;
                email: string;
                /** @description Until the link mailed to the address is followed, nothing addressed to it reaches the account */
                emailVerified: boolean;
                role: 'member' | 'support' | 'admin';
                headline: string;
              };
              balance: {
                available: number;
                weeklyLimit: number;
                sentLast7Days: number;
                weeklyWindowFreesAt: string | null;
              };
              restricted: boolean;
              /** @description What applies to this member’s invitations: after a withdrawal, how long before the same person can be invited again */
              rules: {
                reinviteCooldownSeconds: number;
              };
              features: {
                'bulk-withdraw': boolean;
                'inbox-withdraw': boolean;
                'new-messaging': boolean;
              };
              receivedPending: number;
              /** @description Unread messages per folder, and in all */
              inboxUnread: {
                received: number;
                sent: number;
                total: number;
              };
              /** @description Unread messages of my conversations, and unread invitations of my inbox’s Received folder */
              unread: {
                messages: number;
                invitations: number;
              };
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/members/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A member and my relationship with them */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              id: string;
              name: string;
              headline: string;
              relationship: 'self' | 'connected' | 'invitation_sent' | 'invitation_received' | 'none';
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My settings */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              findableByEmail: boolean;
              /** @description Who may invite me: anyone; only who knows my e-mail address (a member invitation must carry it); nobody (e-mail and SMS invitations to my addresses neither) */
              invitationsFrom: 'anyone' | 'email_known' | 'nobody';
              /** @description E-mails about unread messages: at most one per conversation per hour, none for muted conversations */
              messageEmails: boolean;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change my settings */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            findableByEmail?: boolean;
            /** @description Who may invite me: anyone; only who knows my e-mail address (a member invitation must carry it); nobody (e-mail and SMS invitations to my addresses neither) */
            invitationsFrom?: 'anyone' | 'email_known' | 'nobody';
            /** @description E-mails about unread messages: at most one per conversation per hour, none for muted conversations */
            messageEmails?: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              findableByEmail: boolean;
              /** @description Who may invite me: anyone; only who knows my e-mail address (a member invitation must carry it); nobody (e-mail and SMS invitations to my addresses neither) */
              invitationsFrom: 'anyone' | 'email_known' | 'nobody';
              /** @description E-mails about unread messages: at most one per conversation per hour, none for muted conversations */
              messageEmails: boolean;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    trace?: never;
  };
  '/api/v1/me/profile': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change my name or headline
     * @description Both are one line, cleaned as at sign-up; an empty headline removes it. The name must not be empty.
     */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name?: string;
            headline?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              id: string;
              name: string;
              email: string;
              /** @description Until the link mailed to the address is followed, nothing addressed to it reaches the account */
              emailVerified: boolean;
              role: 'member' | 'support' | 'admin';
              headline: string;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    trace?: never;
  };
  '/api/v1/connections': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My connections, newest first */
    get: {
      parameters: {
        query?: {
          limit?: number;
          cursor?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                member: {
                  id: string;
                  name: string;
                  headline: string;
                };
                /** Format: date-time */
                connectedAt: string;
              }[];
              nextCursor: string | null;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/connections/{memberId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Remove a connection */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          memberId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/emails': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My e-mail addresses and whether each is verified */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description The primary address first, then the others, oldest first */
              items: {
                email: string;
                primary: boolean;
                verified: boolean;
                /** @description pending: a verification link was sent and still works; expired: add the address again for a new link */
                state: 'primary' | 'verified' | 'pending' | 'expired';
                verifiedAt: string | null;
                /** Format: date-time */
                addedAt: string;
                verificationExpiresAt: string | null;
              }[];
              /** @description How many addresses a member may have besides the primary one */
              maxAdditional: number;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    /** Add an e-mail address; a link to verify it is e-mailed to it (again, with a new link, for an address still waiting, my primary one too until it is verified) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            email: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              email: string;
              primary: boolean;
              verified: boolean;
              /** @description pending: a verification link was sent and still works; expired: add the address again for a new link */
              state: 'primary' | 'verified' | 'pending' | 'expired';
              verifiedAt: string | null;
              /** Format: date-time */
              addedAt: string;
              verificationExpiresAt: string | null;
            };
          };
        };
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              email: string;
              primary: boolean;
              verified: boolean;
              /** @description pending: a verification link was sent and still works; expired: add the address again for a new link */
              state: 'primary' | 'verified' | 'pending' | 'expired';
              verifiedAt: string | null;
              /** Format: date-time */
              addedAt: string;
              verificationExpiresAt: string | null;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/emails/{email}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Remove one of my additional e-mail addresses (not the primary one) */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          email: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/emails/verify/{token}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Verify an address (added, or the primary one given at sign-up) with the link mailed to it, signed in as the member it was mailed for */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          token: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              email: string;
              primary: boolean;
              verified: boolean;
              /** @description pending: a verification link was sent and still works; expired: add the address again for a new link */
              state: 'primary' | 'verified' | 'pending' | 'expired';
              verifiedAt: string | null;
              /** Format: date-time */
              addedAt: string;
              verificationExpiresAt: string | null;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        410: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/invitations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Invite a member, an e-mail address or a phone number to connect */
    post: {
      parameters: {
        query?: never;
        header?: {
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            memberId?: string;
            email?: string;
            phone?: string;
            message?: string | null;
          };
        };
      };
      responses: {
        /** @description An invitation, as its viewer may see it */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              id: string;
              channel: 'member' | 'email' | 'sms';
              status: 'pending' | 'accepted' | 'ignored' | 'withdrawn' | 'expired';
              sender: {
                id: string;
                name: string;
              };
              recipient: {
                memberId?: string;
                name?: string;
                email?: string;
                phone?: string;
              };
              message: string | null;
              /** Format: date-time */
              createdAt: string;
              /** Format: date-time */
              expiresAt: string;
              respondedAt: string | null;
              withdrawnAt: string | null;
              withdrawable: boolean;
              delivery: 'none' | 'queued' | 'sent' | 'failed' | 'bounced';
              reinviteAvailableAt?: string | null;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/invitations/batch': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Invite many recipients, each judged by the rules of a single send */
    post: {
      parameters: {
        query?: never;
        header?: {
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            recipients: {
              memberId?: string;
              email?: string;
              phone?: string;
            }[];
            message?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              results: {
                recipient: {
                  memberId?: string;
                  email?: string;
                  phone?: string;
                };
                /** @description An invitation, as its viewer may see it */
                invitation?: {
                  id: string;
                  channel: 'member' | 'email' | 'sms';
                  status: 'pending' | 'accepted' | 'ignored' | 'withdrawn' | 'expired';
                  sender: {
                    id: string;
                    name: string;
                  };
                  recipient: {
                    memberId?: string;
                    name?: string;
                    email?: string;
                    phone?: string;
                  };
                  message: string | null;
                  /** Format: date-time */
                  createdAt: string;
                  /** Format: date-time */
                  expiresAt: string;
                  respondedAt: string | null;
                  withdrawnAt: string | null;
                  withdrawable: boolean;
                  delivery: 'none' | 'queued' | 'sent' | 'failed' | 'bounced';
                  reinviteAvailableAt?: string | null;
                };
                error?: {
                  /** @description Stable snake_case code */
                  code: string;
                  message: string;
                  details?: {
                    [key: string]: unknown;
                  };
                };
              }[];
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/invitations/sent': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Invitations I sent, newest first (by default only those awaiting a response) */
    get: {
      parameters: {
        query?: {
          limit?: number;
          cursor?: string;
          channel?: 'member' | 'email' | 'sms';
          q?: string;
          olderThanDays?: number;
          status?: 'pending' | 'accepted' | 'withdrawn' | 'expired' | 'all';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                id: string;
                channel: 'member' | 'email' | 'sms';
                status: 'pending' | 'accepted' | 'ignored' | 'withdrawn' | 'expired';
                sender: {
                  id: string;
                  name: string;
                };
                recipient: {
                  memberId?: string;
                  name?: string;
                  email?: string;
                  phone?: string;
                };
                message: string | null;
                /** Format: date-time */
                createdAt: string;
                /** Format: date-time */
                expiresAt: string;
                respondedAt: string | null;
                withdrawnAt: string | null;
                withdrawable: boolean;
                delivery: 'none' | 'queued' | 'sent' | 'failed' | 'bounced';
                reinviteAvailableAt?: string | null;
              }[];
              nextCursor: string | null;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/invitations/sent/count': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** How many invitations I sent await a response and match the filters (what a bulk withdraw by that filter would take) */
    get: {
      parameters: {
        query?: {
          channel?: 'member' | 'email' | 'sms';
          q?: string;
          olderThanDays?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/invitations/received': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Invitations to me awaiting my response */
    get: {
      parameters: {
        query?: {
          limit?: number;
          cursor?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                id: string;
                channel: 'member' | 'email' | 'sms';
                status: 'pending' | 'accepted' | 'ignored' | 'withdrawn' | 'expired';
                sender: {
                  id: string;
                  name: string;
                };
                recipient: {
                  memberId?: string;
                  name?: string;
                  email?: string;
                  phone?: string;
                };
                message: string | null;
                /** Format: date-time */
                createdAt: string;
                /** Format: date-time */
                expiresAt: string;
                respondedAt: string | null;
                withdrawnAt: string | null;
                withdrawable: boolean;
                delivery: 'none' | 'queued' | 'sent' | 'failed' | 'bounced';
                reinviteAvailableAt?: string | null;
              }[];
              nextCursor: string | null;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/invitations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One invitation I sent or received */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description An invitation, as its viewer may see it */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              id: string;
              channel: 'member' | 'email' | 'sms';
              status: 'pending' | 'accepted' | 'ignored' | 'withdrawn' | 'expired';
              sender: {
                id: string;
                name: string;
              };
              recipient: {
                memberId?: string;
                name?: string;
                email?: string;
                phone?: string;
              };
              message: string | null;
              /** Format: date-time */
              createdAt: string;
              /** Format: date-time */
              expiresAt: string;
              respondedAt: string | null;
              withdrawnAt: string | null;
              withdrawable: boolean;
              delivery: 'none' | 'queued' | 'sent' | 'failed' | 'bounced';
              reinviteAvailableAt?: string | null;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/invitations/{id}/withdraw': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Withdraw an invitation I sent (repeating it is harmless) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            via?: 'inbox';
          };
        };
      };
      responses: {
        /** @description An invitation, as its viewer may see it */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              id: string;
              channel: 'member' | 'email' | 'sms';
              status: 'pending' | 'accepted' | 'ignored' | 'withdrawn' | 'expired';
              sender: {
                id: string;
                name: string;
              };
              recipient: {
                memberId?: string;
                name?: string;
                email?: string;
                phone?: string;
              };
              message: string | null;
              /** Format: date-time */
              createdAt: string;
              /** Format: date-time */
              expiresAt: string;
              respondedAt: string | null;
              withdrawnAt: string | null;
              withdrawable: boolean;
              delivery: 'none' | 'queued' | 'sent' | 'failed' | 'bounced';
              reinviteAvailableAt?: string | null;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/invitations/withdraw': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Withdraw many invitations at once, by ids or by filter, in one atomic operation */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json':
            | {
                ids: string[];
              }
            | {
                filter: {
                  channel?: 'member' | 'email' | 'sms';
                  q?: string;
                  olderThanDays?: number;
                };
              };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              withdrawn: number;
              withdrawnIds: string[];
              skipped: {
                id: string;
                reason: string;
              }[];
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/invitations/{id}/accept': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Accept an invitation to me: we become connected */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description An invitation, as its viewer may see it */
              invitation: {
                id: string;
                channel: 'member' | 'email' | 'sms';
                status: 'pending' | 'accepted' | 'ignored' | 'withdrawn' | 'expired';
                sender: {
                  id: string;
                  name: string;
                };
                recipient: {
                  memberId?: string;
                  name?: string;
                  email?: string;
                  phone?: string;
                };
                message: string | null;
                /** Format: date-time */
                createdAt: string;
                /** Format: date-time */
                expiresAt: string;
                respondedAt: string | null;
                withdrawnAt: string | null;
                withdrawable: boolean;
                delivery: 'none' | 'queued' | 'sent' | 'failed' | 'bounced';
                reinviteAvailableAt?: string | null;
              };
              connection: {
                memberId: string;
                /** Format: date-time */
                connectedAt: string;
                invitationId: string | null;
              };
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/invitations/{id}/ignore': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Ignore an invitation to me (the sender is not told); optionally report it */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            reason?: 'dont_know' | 'spam';
          };
        };
      };
      responses: {
        /** @description An invitation, as its viewer may see it */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              id: string;
              channel: 'member' | 'email' | 'sms';
              status: 'pending' | 'accepted' | 'ignored' | 'withdrawn' | 'expired';
              sender: {
                id: string;
                name: string;
              };
              recipient: {
                memberId?: string;
                name?: string;
                email?: string;
                phone?: string;
              };
              message: string | null;
              /** Format: date-time */
              createdAt: string;
              /** Format: date-time */
              expiresAt: string;
              respondedAt: string | null;
              withdrawnAt: string | null;
              withdrawable: boolean;
              delivery: 'none' | 'queued' | 'sent' | 'failed' | 'bounced';
              reinviteAvailableAt?: string | null;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/invitations/respond': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Accept or ignore many invitations to me at once */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            ids: string[];
            action: 'accept' | 'ignore';
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              done: string[];
              skipped: {
                id: string;
                reason: string;
              }[];
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/inbox': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * My inbox: invitations and messages, newest first
     * @description Received: invitations to me and messages from others to me; Sent: mine. A message item’s subject is its conversation’s, or its first line; it is read as its conversation is. With `new-messaging`, invitations leave the inbox: it lists messages only.
     */
    get: {
      parameters: {
        query?: {
          limit?: number;
          cursor?: string;
          folder?: 'received' | 'sent';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                id: string;
                kind: 'invitation' | 'message';
                subject: string;
                counterpart: {
                  memberId?: string;
                  name: string;
                };
                /** Format: date-time */
                createdAt: string;
                read: boolean;
                /** @description An invitation, as its viewer may see it */
                invitation?: {
                  id: string;
                  channel: 'member' | 'email' | 'sms';
                  status: 'pending' | 'accepted' | 'ignored' | 'withdrawn' | 'expired';
                  sender: {
                    id: string;
                    name: string;
                  };
                  recipient: {
                    memberId?: string;
                    name?: string;
                    email?: string;
                    phone?: string;
                  };
                  message: string | null;
                  /** Format: date-time */
                  createdAt: string;
                  /** Format: date-time */
                  expiresAt: string;
                  respondedAt: string | null;
                  withdrawnAt: string | null;
                  withdrawable: boolean;
                  delivery: 'none' | 'queued' | 'sent' | 'failed' | 'bounced';
                  reinviteAvailableAt?: string | null;
                };
                /** @description A message item’s conversation (`GET /api/v1/conversations/{id}/messages` shows its text) */
                conversationId?: string;
              }[];
              nextCursor: string | null;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/inbox/unread': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** How many unread messages each folder holds */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Unread messages per folder, and in all */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              received: number;
              sent: number;
              total: number;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/inbox/{id}/read': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mark a message read, on my side of it (again: no change)
     * @description A message my inbox does not show me (another member’s, or one withdrawn from me) is 404 not_found.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              id: string;
              read: boolean;
              /** @description Unread messages per folder, and in all */
              unread: {
                received: number;
                sent: number;
                total: number;
              };
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/inbox/{id}/unread': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mark a message unread again, on my side of it (again: no change)
     * @description A message my inbox does not show me (another member’s, or one withdrawn from me) is 404 not_found.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              id: string;
              read: boolean;
              /** @description Unread messages per folder, and in all */
              unread: {
                received: number;
                sent: number;
                total: number;
              };
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/inbox/read-all': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark every item of a folder read (without a folder: of both); Received includes every unread message of my conversations */
    post: {
      parameters: {
        query?: {
          folder?: 'received' | 'sent';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              marked: number;
              /** @description Unread messages per folder, and in all */
              unread: {
                received: number;
                sent: number;
                total: number;
              };
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/support/requests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Support requests: my own, or (for agents) everyone’s */
    get: {
      parameters: {
        query?: {
          limit?: number;
          cursor?: string;
          status?: 'open' | 'done';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                id: string;
                /** @enum {string} */
                kind: 'withdraw_all_pending';
                status: 'open' | 'done';
                message: string | null;
                member: {
                  id: string;
                  name: string;
                  email: string;
                };
                /** Format: date-time */
                createdAt: string;
                resolvedAt: string | null;
              }[];
              nextCursor: string | null;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    /**
     * Ask support to cancel all pending invitations I sent
     * @description One open request at a time: while one is open, another is 409 support_request_open (its id and date in details).
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            kind: 'withdraw_all_pending';
            message?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              id: string;
              /** @enum {string} */
              kind: 'withdraw_all_pending';
              status: 'open' | 'done';
              message: string | null;
              member: {
                id: string;
                name: string;
                email: string;
              };
              /** Format: date-time */
              createdAt: string;
              resolvedAt: string | null;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/support/members': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Find members by exact e-mail address, exact id, or name (names starting with the text first) */
    get: {
      parameters: {
        query: {
          limit?: number;
          cursor?: string;
          q: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                id: string;
                name: string;
                email: string;
                /** @description False while the address is only claimed: a lookup by address does not find such a member */
                emailVerified: boolean;
                role: 'member' | 'support' | 'admin';
                headline: string;
                /** Format: date-time */
                createdAt: string;
                restricted: boolean;
              }[];
              nextCursor: string | null;
              /** @description How q was read */
              match: 'email' | 'id' | 'name';
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/members/{id}/invitations/withdraw-all': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Withdraw every pending invitation a member sent, on their behalf */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            reason: string;
            dryRun?: boolean;
            requestId?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              withdrawnIds: string[];
              dryRun: boolean;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/members/{id}/balance': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Grant invitations to a member */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            grant: number;
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              available: number;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/features': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Feature flags */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                key: string;
                rolloutPercent: number;
                allow: string[];
                deny: string[];
                updatedAt: string | null;
              }[];
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/features/{key}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Roll a feature out
     * @description Every id in `allow` and `deny` must be a member's: otherwise 422 unknown_members, naming them, and nothing changes.
     */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          key: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            rolloutPercent: number;
            allow?: string[];
            deny?: string[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              key: string;
              rolloutPercent: number;
              allow: string[];
              deny: string[];
              updatedAt: string | null;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The audit trail, newest first */
    get: {
      parameters: {
        query?: {
          limit?: number;
          cursor?: string;
          memberId?: string;
          action?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                id: string;
                /** Format: date-time */
                at: string;
                actor: {
                  id: string;
                  name: string | null;
                } | null;
                action: string;
                subject: {
                  memberId: string;
                  name: string | null;
                } | null;
                invitationId: string | null;
                path: string;
                details: {
                  [key: string]: unknown;
                };
              }[];
              nextCursor: string | null;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/invitation-links/{token}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What an invitation link leads to (no reason is given when it is unavailable) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          token: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              available: boolean;
              sender?: {
                name: string;
              };
              message?: string | null;
              email?: string;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/invitation-links/{token}/accept': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Accept the invitation behind a link, as the signed-in member */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          token: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              connection: {
                memberId: string;
                /** Format: date-time */
                connectedAt: string;
                invitationId: string | null;
              };
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        410: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/opt-out/{token}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What the opt-out link in an invitation or reminder would stop (changes nothing) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          token: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              channel: 'email' | 'sms';
              /** @description The address or number, partly hidden */
              address: string;
              optedOut: boolean;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    /** Stop all reminders and invitations to that address or number (also the RFC 8058 one-click POST) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          token: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              channel: 'email' | 'sms';
              /** @description The address or number, partly hidden */
              address: string;
              optedOut: boolean;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/message-emails/unsubscribe/{token}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Whether the member behind a notification e-mail’s unsubscribe link still gets them (changes nothing) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          token: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description Whether e-mails about unread messages are still sent */
              messageEmails: boolean;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    /** Stop e-mails about unread messages (the `messageEmails` setting; also the RFC 8058 one-click POST) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          token: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description Whether e-mails about unread messages are still sent */
              messageEmails: boolean;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/dev/mailbox': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Messages kept locally because no SMTP server or SMS gateway is configured (admins only) */
    get: {
      parameters: {
        query?: {
          limit?: number;
          cursor?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                id: string;
                to: string;
                channel: 'email' | 'sms';
                subject: string;
                text: string;
                links: string[];
                /** Format: date-time */
                sentAt: string;
              }[];
              nextCursor: string | null;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/people-you-may-know': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Members I may know, ranked by mutual connections */
    get: {
      parameters: {
        query?: {
          limit?: number;
          cursor?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                member: {
                  id: string;
                  name: string;
                  headline: string;
                };
                mutualConnections: number;
                /** @description Up to three shared connections */
                mutualNames: string[];
                sameDomain: boolean;
              }[];
              nextCursor: string | null;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/people-you-may-know/{memberId}/dismiss': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** "Not now": stop suggesting this member */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          memberId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    /** Undo a dismissal */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          memberId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/contacts/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Find members among my contacts (CSV from Google, Outlook, Apple; or vCard 3.0/4.0), up to 10,000 contacts or 5 MB */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      /** @description The contacts file, as CSV or vCard text */
      requestBody: {
        content: {
          'text/csv': unknown;
          'application/csv': unknown;
          'text/comma-separated-values': unknown;
          'text/vcard': unknown;
          'text/x-vcard': unknown;
          'text/directory': unknown;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              members: {
                member: {
                  id: string;
                  name: string;
                  headline: string;
                };
                email: string;
                contactName: string;
                relationship: string;
              }[];
              others: {
                name: string;
                email: string;
              }[];
              skipped: {
                row: number;
                reason: string;
              }[];
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/conversations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * My conversations, most recently active first
     * @description `folder` is `inbox` (default) or `archived`; `unread=true` keeps those with unread messages; `q` matches the subject or a participant’s name.
     */
    get: {
      parameters: {
        query?: {
          limit?: number;
          cursor?: string;
          folder?: 'inbox' | 'archived';
          unread?: boolean;
          q?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                id: string;
                participants: {
                  id: string;
                  name: string;
                  headline: string;
                }[];
                subject: string | null;
                lastMessage: {
                  id: string;
                  sender: {
                    id: string;
                    name: string;
                  };
                  text: string;
                  attachments: {
                    id: string;
                    name: string;
                    size: number;
                    contentType: string;
                  }[];
                  /** Format: date-time */
                  createdAt: string;
                } | null;
                unreadCount: number;
                muted: boolean;
                archived: boolean;
                /** Format: date-time */
                createdAt: string;
                /** Format: date-time */
                updatedAt: string;
              }[];
              nextCursor: string | null;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    /**
     * Start a conversation with connections (with one member: reuse ours)
     * @description With one other member the existing conversation is reused (200). 403 not_connected; 422 too_many_participants or attachment_unavailable; 429 message_limit_reached.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description The other participants; a conversation has at most 50, you included */
            memberIds: string[];
            /** @description Plain text; control characters other than newlines are removed */
            text: string;
            subject?: string;
            /** @description Uploads of yours not yet sent (POST /attachments), each sent once; 422 attachment_unavailable otherwise */
            attachmentIds?: string[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              conversation: {
                id: string;
                participants: {
                  id: string;
                  name: string;
                  headline: string;
                }[];
                subject: string | null;
                lastMessage: {
                  id: string;
                  sender: {
                    id: string;
                    name: string;
                  };
                  text: string;
                  attachments: {
                    id: string;
                    name: string;
                    size: number;
                    contentType: string;
                  }[];
                  /** Format: date-time */
                  createdAt: string;
                } | null;
                unreadCount: number;
                muted: boolean;
                archived: boolean;
                /** Format: date-time */
                createdAt: string;
                /** Format: date-time */
                updatedAt: string;
              };
              message: {
                id: string;
                conversationId: string;
                sender: {
                  id: string;
                  name: string;
                };
                text: string;
                attachments: {
                  id: string;
                  name: string;
                  size: number;
                  contentType: string;
                }[];
                /** Format: date-time */
                createdAt: string;
              };
            };
          };
        };
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              conversation: {
                id: string;
                participants: {
                  id: string;
                  name: string;
                  headline: string;
                }[];
                subject: string | null;
                lastMessage: {
                  id: string;
                  sender: {
                    id: string;
                    name: string;
                  };
                  text: string;
                  attachments: {
                    id: string;
                    name: string;
                    size: number;
                    contentType: string;
                  }[];
                  /** Format: date-time */
                  createdAt: string;
                } | null;
                unreadCount: number;
                muted: boolean;
                archived: boolean;
                /** Format: date-time */
                createdAt: string;
                /** Format: date-time */
                updatedAt: string;
              };
              message: {
                id: string;
                conversationId: string;
                sender: {
                  id: string;
                  name: string;
                };
                text: string;
                attachments: {
                  id: string;
                  name: string;
                  size: number;
                  contentType: string;
                }[];
                /** Format: date-time */
                createdAt: string;
              };
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/conversations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A conversation of mine */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              id: string;
              participants: {
                id: string;
                name: string;
                headline: string;
              }[];
              subject: string | null;
              lastMessage: {
                id: string;
                sender: {
                  id: string;
                  name: string;
                };
                text: string;
                attachments: {
                  id: string;
                  name: string;
                  size: number;
                  contentType: string;
                }[];
                /** Format: date-time */
                createdAt: string;
              } | null;
              unreadCount: number;
              muted: boolean;
              archived: boolean;
              /** Format: date-time */
              createdAt: string;
              /** Format: date-time */
              updatedAt: string;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    /** Delete a conversation for me: gone from my lists with its history, until a new message */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    options?: never;
    head?: never;
    /** Mute or archive a conversation, for me */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            muted?: boolean;
            archived?: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              id: string;
              participants: {
                id: string;
                name: string;
                headline: string;
              }[];
              subject: string | null;
              lastMessage: {
                id: string;
                sender: {
                  id: string;
                  name: string;
                };
                text: string;
                attachments: {
                  id: string;
                  name: string;
                  size: number;
                  contentType: string;
                }[];
                /** Format: date-time */
                createdAt: string;
              } | null;
              unreadCount: number;
              muted: boolean;
              archived: boolean;
              /** Format: date-time */
              createdAt: string;
              /** Format: date-time */
              updatedAt: string;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    trace?: never;
  };
  '/api/v1/conversations/{id}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The messages of a conversation, newest first */
    get: {
      parameters: {
        query?: {
          limit?: number;
          cursor?: string;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                id: string;
                conversationId: string;
                sender: {
                  id: string;
                  name: string;
                };
                text: string;
                attachments: {
                  id: string;
                  name: string;
                  size: number;
                  contentType: string;
                }[];
                /** Format: date-time */
                createdAt: string;
              }[];
              nextCursor: string | null;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    /**
     * Send a message
     * @description The same Idempotency-Key with the same body within 24 hours returns the first reply and sends nothing twice.
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description Plain text; control characters other than newlines are removed */
            text: string;
            /** @description Uploads of yours not yet sent (POST /attachments), each sent once; 422 attachment_unavailable otherwise */
            attachmentIds?: string[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              id: string;
              conversationId: string;
              sender: {
                id: string;
                name: string;
              };
              text: string;
              attachments: {
                id: string;
                name: string;
                size: number;
                contentType: string;
              }[];
              /** Format: date-time */
              createdAt: string;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/conversations/{id}/read': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark a conversation read, up to a message of it (by default its latest) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            upTo?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/conversations/{id}/unread': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark the latest message of someone else unread again */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': Record<string, never>;
        };
      };
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/conversations/{id}/report': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Report a conversation to support */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            reason: 'spam' | 'harassment' | 'other';
            details?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              id: string;
              conversationId: string;
              reason: 'spam' | 'harassment' | 'other';
              details: string | null;
              /** Format: date-time */
              createdAt: string;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/conversation-reports': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Reported conversations, newest report first, with their participants and latest messages */
    get: {
      parameters: {
        query?: {
          limit?: number;
          cursor?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                id: string;
                reason: 'spam' | 'harassment' | 'other';
                details: string | null;
                /** Format: date-time */
                createdAt: string;
                reporter: {
                  id: string;
                  name: string;
                };
                conversation: {
                  id: string;
                  subject: string | null;
                  participants: {
                    id: string;
                    name: string;
                    headline: string;
                  }[];
                };
                /** @description The conversation’s latest messages when it was reported, newest first */
                messages: {
                  id: string;
                  conversationId: string;
                  sender: {
                    id: string;
                    name: string;
                  };
                  text: string;
                  attachments: {
                    id: string;
                    name: string;
                    size: number;
                    contentType: string;
                  }[];
                  /** Format: date-time */
                  createdAt: string;
                }[];
              }[];
              nextCursor: string | null;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/attachments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Upload a file to send in a message (PNG, JPEG, GIF, WebP or PDF; its bytes must be of that type)
     * @description The body is the file itself, with its type as Content-Type. Unsent uploads are removed after a day. 413 attachment_too_large; 415 unsupported_media_type; 429 attachment_quota_reached or rate_limited.
     */
    post: {
      parameters: {
        query?: {
          /** @description The file name; cleaned, and shortened to 120 characters */
          name?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      /** @description The file’s bytes */
      requestBody: {
        content: {
          'image/png': unknown;
          'image/jpeg': unknown;
          'image/gif': unknown;
          'image/webp': unknown;
          'application/pdf': unknown;
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              id: string;
              name: string;
              size: number;
              contentType: string;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/attachments/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Download an attachment (its uploader, and participants who have the message it was sent in) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The file, as an attachment to save, never shown in place */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'image/png': string;
            'image/jpeg': string;
            'image/gif': string;
            'image/webp': string;
            'application/pdf': string;
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * My live events (Server-Sent Events)
     * @description A `text/event-stream` that stays open. Events: `message` (a message object), `read` `{conversationId, memberId, upTo}`, `invitation` `{id, status}` (a withdrawn invitation’s recipient is told only that it is gone: `status: "withdrawn"`). Each event’s `id:` is its number in the member’s stream; reconnecting with `Last-Event-ID` resumes after it without losing any (events are kept for a few days). A comment line is sent every 20 seconds. A client that falls too far behind is disconnected and resumes with `Last-Event-ID`. 429 `too_many_streams` past the open streams allowed per member.
     */
    get: {
      parameters: {
        query?: never;
        header?: {
          /** @description The `id:` of the last event received: the stream resumes after it */
          'last-event-id'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The event stream */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/event-stream': string;
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/members/{id}/block': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Block a member: no invitations or messages between us, either way
     * @description Withdraws the pending invitations between the two, removes nothing else (a connection stays) and tells nobody. Blocking again changes nothing. 422 self_block; 404 for an unknown member; 429 rate_limited past 100 new blocks in 24 hours.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': Record<string, never>;
        };
      };
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    /** Unblock a member: invitations and messages become possible again; nothing withdrawn comes back */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/blocked': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The members I blocked, newest block first */
    get: {
      parameters: {
        query?: {
          limit?: number;
          cursor?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: {
                member: {
                  id: string;
                  name: string;
                  headline: string;
                };
                /** Format: date-time */
                blockedAt: string;
              }[];
              nextCursor: string | null;
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/invitations/{id}/reply': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Reply to an invitation I received, without accepting it
     * @description Opens (or reuses) the direct conversation with its sender and sends the message; the invitation stays pending and sends no more reminders. 404 unless I am the recipient of the invitation; 409 not_pending once it no longer waits for an answer; 403 not_connected; 429 message_limit_reached.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description Plain text; control characters other than newlines are removed */
            text: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              conversation: {
                id: string;
                participants: {
                  id: string;
                  name: string;
                  headline: string;
                }[];
                subject: string | null;
                lastMessage: {
                  id: string;
                  sender: {
                    id: string;
                    name: string;
                  };
                  text: string;
                  attachments: {
                    id: string;
                    name: string;
                    size: number;
                    contentType: string;
                  }[];
                  /** Format: date-time */
                  createdAt: string;
                } | null;
                unreadCount: number;
                muted: boolean;
                archived: boolean;
                /** Format: date-time */
                createdAt: string;
                /** Format: date-time */
                updatedAt: string;
              };
              message: {
                id: string;
                conversationId: string;
                sender: {
                  id: string;
                  name: string;
                };
                text: string;
                attachments: {
                  id: string;
                  name: string;
                  size: number;
                  contentType: string;
                }[];
                /** Format: date-time */
                createdAt: string;
              };
            };
          };
        };
        /** @description An error */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
        /** @description An error */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error: {
                /** @description Stable snake_case code */
                code: string;
                message: string;
                details?: {
                  [key: string]: unknown;
                };
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: never;
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
