/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Replaced at build time by Taro's DefinePlugin: the platform being built. */
    TARO_ENV?: 'weapp' | 'h5' | string;
  }
}
