namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// 256-bit unsigned integers as eight 32-bit limbs, least significant first. Only what signature
    /// verification needs: conversion from and to big-endian bytes, comparison, and plain add/subtract.
    /// </summary>
    internal static class Uint256
    {
        public const int Limbs = 8;
        public const int Bytes = 32;

        public static uint[] New()
        {
            return new uint[Limbs];
        }

        /// <summary>SEC 1 v2, 2.3.8: an octet string is a big-endian integer.</summary>
        public static void FromBigEndian(byte[] source, int offset, uint[] result)
        {
            for (int i = 0; i < Limbs; i++)
            {
                int b = offset + Bytes - (4 * (i + 1));
                result[i] = ((uint)source[b] << 24) | ((uint)source[b + 1] << 16) | ((uint)source[b + 2] << 8) | source[b + 3];
            }
        }

        public static void ToBigEndian(uint[] value, byte[] target, int offset)
        {
            for (int i = 0; i < Limbs; i++)
            {
                int b = offset + Bytes - (4 * (i + 1));
                uint limb = value[i];
                target[b] = (byte)(limb >> 24);
                target[b + 1] = (byte)(limb >> 16);
                target[b + 2] = (byte)(limb >> 8);
                target[b + 3] = (byte)limb;
            }
        }

        public static void Copy(uint[] source, uint[] target)
        {
            for (int i = 0; i < Limbs; i++)
            {
                target[i] = source[i];
            }
        }

        public static void SetSmall(uint[] target, uint value)
        {
            target[0] = value;
            for (int i = 1; i < Limbs; i++)
            {
                target[i] = 0;
            }
        }

        public static bool IsZero(uint[] a)
        {
            uint any = 0;
            for (int i = 0; i < Limbs; i++)
            {
                any |= a[i];
            }

            return any == 0;
        }

        /// <summary>-1, 0 or 1 as a is below, equal to or above b.</summary>
        public static int Compare(uint[] a, uint[] b)
        {
            for (int i = Limbs - 1; i >= 0; i--)
            {
                if (a[i] != b[i])
                {
                    return a[i] < b[i] ? -1 : 1;
                }
            }

            return 0;
        }

        public static bool Equal(uint[] a, uint[] b)
        {
            return Compare(a, b) == 0;
        }

        /// <summary>result = a + b; returns the carry out of the top limb. result may be a or b.</summary>
        public static uint Add(uint[] a, uint[] b, uint[] result)
        {
            ulong carry = 0;
            for (int i = 0; i < Limbs; i++)
            {
                ulong sum = (ulong)a[i] + b[i] + carry;
                result[i] = (uint)sum;
                carry = sum >> 32;
            }

            return (uint)carry;
        }

        /// <summary>result = a - b; returns 1 when it borrowed (a was below b). result may be a or b.</summary>
        public static uint Subtract(uint[] a, uint[] b, uint[] result)
        {
            long borrow = 0;
            for (int i = 0; i < Limbs; i++)
            {
                long difference = (long)a[i] - b[i] - borrow;
                result[i] = (uint)difference;
                borrow = difference < 0 ? 1 : 0;
            }

            return (uint)borrow;
        }

        /// <summary>Bit <paramref name="index"/> (0 = least significant).</summary>
        public static int Bit(uint[] a, int index)
        {
            return (int)((a[index >> 5] >> (index & 31)) & 1);
        }
    }
}
